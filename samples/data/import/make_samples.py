"""Writes the dirty sample files for CrmCore.Import (run from this folder: python3 make_samples.py).

客户信息总表-gbk.csv    GB18030 ("ANSI" CSV from Excel on Chinese Windows): a title row, 序号, full-width digits, 万 amounts,
                        mixed phone forms, a duplicate by phone, a bad date, blank rows and a totals row at the bottom.
customers-utf16.csv     UTF-16 LE with BOM and English headers, a duplicate by e-mail and an unmapped column.
客户信息总表.xlsx        A workbook with a title row, merged cells (one customer over two contact rows), a hidden column,
                        blank rows, an Excel serial date, a formula-looking cell and a totals row.
legacy-crm.csv          UTF-8 with another system's headers: needs mapping.json (columns, a constant, value maps).
"""
import zipfile

gbk_rows = [
    "客户信息总表（2024年3月）,,,,,,,,,",
    "序号,客户编号,客户名称（简称）,所属行业,客户等级,负责客户经理,联系方式,年合作金额,首次合作时间,备注",
    "1,KH0001,上海某某制造有限公司,制造业,A,王经理,张三 138 1234 5678,\"1,250,000\",2023/3/1,重点客户",
    "2,KH0002,贸易公司,零售业,B,李经理,021-12345678,25万,2023年6月15日,",
    "3,ＫＨ０００３,某某科技,科技/互联网,C,王经理,１３９００００００００,8000元,20240110,",
    ",,,,,,,,,",
    "4,,上海某某制造,制造业,A,王经理,+86 138-1234-5678,130万,2023-03-01,与第1行重复",
    "5,KH0005,坏日期公司,服务业,C,赵经理,13700000000,5000,2024-02-30,日期错误",
    "6,KH0006,,服务业,C,赵经理,13600000000,5000,2024-02-01,缺少名称",
    ",,,,,,,,,",
    "合计,,,,,,,\"2,855,000\",,",
]
with open("客户信息总表-gbk.csv", "wb") as f:
    f.write(("\r\n".join(gbk_rows) + "\r\n").encode("gb18030"))

utf16_rows = [
    "Customer id,Name,Industry,Tier,Contact,Phone,Email,Annual amount,First contact on,Region",
    "C202405001,Acme Trading Co. Ltd.,Retail,B,Li Lei,+86 21 6666 8888,li.lei@acme.example,\"300,000\",2024-05-02,East",
    "C202405002,Beta Services,Services,C,Han Mei,13511112222,HAN.MEI@beta.example,80000,2024-05-10,North",
    "C202405003,Beta Services (Shanghai),Services,C,Han Mei,,han.mei@beta.example,,2024-05-11,North",
]
with open("customers-utf16.csv", "wb") as f:
    f.write(b"\xff\xfe" + ("\r\n".join(utf16_rows) + "\r\n").encode("utf-16-le"))

legacy_rows = [
    "cust_no,company,sector,grade,phone_no,mail,revenue(万元),first_deal,remark",
    "L001,杭州某某电商,电商,重要客户,0571-88886666,ops@hz.example,120,2022/9/1,VIP",
    "L002,深圳某某服务,服务,一般客户,13800001111,,3.5,2023/1/5,",
]
with open("legacy-crm.csv", "w", encoding="utf-8", newline="") as f:
    f.write("\n".join(legacy_rows) + "\n")


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


sheet_rows = [
    ["客户信息总表"],
    ["序号", "客户编号", "客户名称", "内部评分", "所属行业", "客户等级", "负责客户经理", "联系人", "联系电话", "首次合作时间", "年合作金额"],
    [1, "KH0101", "北京某某集团有限公司", 97, "制造业", "A", "周经理", "钱总", "010-88889999", 45000, "80万"],
    [2, None, None, 91, None, None, None, "孙工", "13911112222", None, None],
    [],
    [3, "KH0102", "=HYPERLINK(\"http://evil\")", 60, "零售业", "C", "吴经理", "郑女士", "13122223333", "2024-01-05", "12,000"],
    [4, "KH0103", "成都某某服务有限公司", 75, "服务业", "B", "周经理", "冯先生", "028 8765 4321", "2023年11月20日", "15万元"],
    [],
    ["合计", None, None, None, None, None, None, None, None, None, "1070000"],
]
shared = []
cells_xml = []
for r, row in enumerate(sheet_rows, start=1):
    cells = []
    for c, v in enumerate(row):
        ref = f"{col(c)}{r}"
        if v is None:
            if r == 4 and c in (0, 1, 2, 4, 5, 6):
                cells.append(f'<c r="{ref}"/>')  # the covered cells of a merged range, as Excel writes them
            continue
        if isinstance(v, (int, float)):
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        else:
            if v not in shared:
                shared.append(v)
            cells.append(f'<c r="{ref}" t="s"><v>{shared.index(v)}</v></c>')
    cells_xml.append(f'<row r="{r}">{"".join(cells)}</row>')
sheet = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:K9"/>'
    '<cols><col min="4" max="4" width="0" hidden="1" customWidth="1"/></cols>'
    f'<sheetData>{"".join(cells_xml)}</sheetData>'
    '<mergeCells count="6"><mergeCell ref="A3:A4"/><mergeCell ref="B3:B4"/><mergeCell ref="C3:C4"/>'
    '<mergeCell ref="E3:E4"/><mergeCell ref="F3:F4"/><mergeCell ref="G3:G4"/></mergeCells>'
    '</worksheet>'
)
sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">'
       + "".join(f"<si><t>{esc(t)}</t></si>" for t in shared) + "</sst>")
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户信息总表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheet,
    "xl/sharedStrings.xml": sst,
}
with zipfile.ZipFile("客户信息总表.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, content in files.items():
        zi = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, content)
