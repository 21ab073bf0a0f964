using System.CommandLine;
using System.Globalization;
using System.Text;
using CrmCore.Decoding;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// <c>--encoding</c>: the encoding of the input files (rules and data) when they are not UTF-8, for example <c>gb18030</c>
/// for "CSV" saved by Excel on Chinese Windows. Without it files must be UTF-8 and any other encoding is reported with
/// its position and the encoding it seems to be in. Only the commands that read such files take it (<see cref="AddTo"/>); any
/// other command refuses it as an unrecognized argument.
/// </summary>
internal static class EncodingOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--encoding";

    /// <summary>The usage error for an encoding crm does not read (<c>{0}</c>: the value); it lists what is accepted.</summary>
    public const string UnknownEncoding = "'{0}' is not an encoding crm reads: use utf-8, gb18030 (also for gbk), utf-16 or utf-16be.";

    /// <summary>
    /// Gives <c>--encoding</c> to a command that reads text input files (rules, data, calendars, tables to import). Each command
    /// gets its own instance, because a run localises the help texts of its own tree.
    /// </summary>
    public static void AddTo(Command command)
    {
        var option = new Option<Encoding?>(Name)
        {
            Description = "Encoding of the input files when not UTF-8: gb18030 (also read for gbk), utf-16, utf-16be.",
            HelpName = "utf-8|gb18030|utf-16",
            CustomParser = r =>
            {
                var value = r.Tokens[0].Value;
                try
                {
                    // The library's list of names is the one list (utf-8, gb18030 and its aliases, utf-16/le/be): any other code page .NET
                    // knows (latin1, shift_jis...) is refused, as a table in it would be misread, not reported.
                    return StrictTextDecoder.GetEncoding(value);
                }
                catch (ArgumentException)
                {
                    r.AddError(string.Format(CultureInfo.InvariantCulture, UnknownEncoding, value));
                    return null;
                }
            },
        };
        command.Add(option);
    }
}
