namespace CrmCore.Cli.Input;

/// <summary>The column descriptions of the three input files.</summary>
internal static class InputSchemas
{
    /// <summary>Gets the customers file description.</summary>
    public static RowSchema<CustomerRow> Customers { get; } = new(
        "customers",
        "CrmCore customers input row",
        [
            new("Id", FieldKind.Text, "Customer id, e.g. C202405001.") { Required = true },
            new("Name", FieldKind.Text, "Customer (company) name.") { Required = true },
            new("Industry", FieldKind.Text, "Industry, e.g. 制造业 or Manufacturing."),
            new("Region", FieldKind.Text, "Sales region."),
            new("Tier", FieldKind.Text, "Current value tier, if already assigned."),
            new("Tags", FieldKind.TextList, "Existing tags: a JSON array, or text separated by ';' or '|'."),
            new("AnnualRevenue", FieldKind.Decimal, "Annual cooperation amount in CNY.") { Minimum = 0 },
            new("Employees", FieldKind.Integer, "Number of employees.") { Minimum = 0 },
            new("SourceChannel", FieldKind.Text, "Channel of first contact, e.g. 官网表单."),
            new("AccountManager", FieldKind.Text, "Responsible account manager."),
            new("FirstCooperation", FieldKind.Date, "Date cooperation began (yyyy-MM-dd)."),
            new("LastInteraction", FieldKind.DateOrInstant, "Last interaction: ISO instant, or a date read as 00:00 UTC."),
            new("ComplaintsLast60Days", FieldKind.Integer, "Complaints in the last 60 days.") { Minimum = 0 },
            new("ComplaintsPrev60Days", FieldKind.Integer, "Complaints in the 60 days before that.") { Minimum = 0 },
            new("ConsultationsLast60Days", FieldKind.Integer, "Consultations in the last 60 days.") { Minimum = 0 },
            new("ConsultationsPrev60Days", FieldKind.Integer, "Consultations in the 60 days before that.") { Minimum = 0 },
            new("CsatAverage", FieldKind.Decimal, "Average satisfaction score, 1 to 5.") { Minimum = 1, Maximum = 5 },
            new("ContractEnd", FieldKind.Date, "Contract end date (yyyy-MM-dd)."),
            new("OpenTicketCount", FieldKind.Integer, "Tickets currently open.") { Minimum = 0 },
            new("UnresolvedComplaints", FieldKind.Integer, "Complaints not yet resolved.") { Minimum = 0 },
            new("DoNotContact", FieldKind.Boolean, "The customer asked not to be contacted proactively."),
        ],
        v => new CustomerRow
        {
            Id = v.RequiredText("Id"),
            Name = v.RequiredText("Name"),
            Industry = v.Text("Industry"),
            Region = v.Text("Region"),
            Tier = v.Text("Tier"),
            Tags = v.List("Tags"),
            AnnualRevenue = v.Decimal("AnnualRevenue"),
            Employees = v.Integer("Employees"),
            SourceChannel = v.Text("SourceChannel"),
            AccountManager = v.Text("AccountManager"),
            FirstCooperation = v.Date("FirstCooperation"),
            LastInteraction = v.Instant("LastInteraction"),
            ComplaintsLast60Days = v.Integer("ComplaintsLast60Days"),
            ComplaintsPrev60Days = v.Integer("ComplaintsPrev60Days"),
            ConsultationsLast60Days = v.Integer("ConsultationsLast60Days"),
            ConsultationsPrev60Days = v.Integer("ConsultationsPrev60Days"),
            CsatAverage = v.Decimal("CsatAverage"),
            ContractEnd = v.Date("ContractEnd"),
            OpenTicketCount = v.Integer("OpenTicketCount"),
            UnresolvedComplaints = v.Integer("UnresolvedComplaints"),
            DoNotContact = v.Boolean("DoNotContact"),
        });

    /// <summary>Gets the tickets file description.</summary>
    public static RowSchema<TicketRow> Tickets { get; } = new(
        "tickets",
        "CrmCore tickets input row",
        [
            new("Id", FieldKind.Text, "Ticket id, e.g. WT202403001.") { Required = true },
            new("CustomerId", FieldKind.Text, "The customer who raised it.") { Required = true },
            new("Urgency", FieldKind.Urgency, "General, Urgent or Major (一般, 紧急, 重大)."),
            new("Type", FieldKind.Text, "Consultation, Complaint, Suggestion, Fault, PreSales or a custom code."),
            new("Channel", FieldKind.Text, "Phone, Email, OnlineChat, Visit, WebForm, Sms or a custom code."),
            new("Department", FieldKind.Text, "Responsible department."),
            new("Product", FieldKind.Text, "Product or asset concerned."),
            new("RaisedAt", FieldKind.Instant, "When the ticket was raised (ISO instant).") { Required = true },
            new("FirstResponseAt", FieldKind.Instant, "First response to the customer (ISO instant)."),
            new("ResolvedAt", FieldKind.Instant, "When it was resolved (ISO instant)."),
            new("ClosedAt", FieldKind.Instant, "When it was closed (ISO instant)."),
            new("Status", FieldKind.TicketStatus, "Pending, InProgress, WaitingForCustomer, Resolved, AwaitingRevisit, Closed or NoActionNeeded."),
            new("Team", FieldKind.Text, "Team that owns it."),
            new("Agent", FieldKind.Text, "Agent that owns it."),
            new("ReopenCount", FieldKind.Integer, "How often it was reopened.") { Minimum = 0 },
            new("FirstContactResolved", FieldKind.Boolean, "Resolved at the first contact."),
        ],
        v => new TicketRow
        {
            Id = v.RequiredText("Id"),
            CustomerId = v.RequiredText("CustomerId"),
            Urgency = v.Urgency("Urgency"),
            Type = v.Text("Type"),
            Channel = v.Text("Channel"),
            Department = v.Text("Department"),
            Product = v.Text("Product"),
            RaisedAt = v.RequiredInstant("RaisedAt"),
            FirstResponseAt = v.Instant("FirstResponseAt"),
            ResolvedAt = v.Instant("ResolvedAt"),
            ClosedAt = v.Instant("ClosedAt"),
            Status = v.Status("Status"),
            Team = v.Text("Team"),
            Agent = v.Text("Agent"),
            ReopenCount = v.Integer("ReopenCount"),
            FirstContactResolved = v.Boolean("FirstContactResolved"),
        });

    /// <summary>Gets the surveys file description.</summary>
    public static RowSchema<SurveyRow> Surveys { get; } = new(
        "surveys",
        "CrmCore satisfaction survey input row",
        [
            new("TicketId", FieldKind.Text, "The ticket the survey is about.") { Required = true },
            new("CustomerId", FieldKind.Text, "The customer who answered."),
            new("AnsweredAt", FieldKind.Instant, "When the survey was answered (ISO instant)."),
            new("Csat", FieldKind.Integer, "Overall satisfaction, 1 to 5.") { Minimum = 1, Maximum = 5 },
            new("Nps", FieldKind.Integer, "Likelihood to recommend, 0 to 10.") { Minimum = 0, Maximum = 10 },
            new("ResponseSpeed", FieldKind.Integer, "Dimension score: response speed, 1 to 5.") { Minimum = 1, Maximum = 5 },
            new("Resolution", FieldKind.Integer, "Dimension score: resolution, 1 to 5.") { Minimum = 1, Maximum = 5 },
            new("SolutionQuality", FieldKind.Integer, "Dimension score: solution quality, 1 to 5.") { Minimum = 1, Maximum = 5 },
            new("Communication", FieldKind.Integer, "Dimension score: communication, 1 to 5.") { Minimum = 1, Maximum = 5 },
            new("Price", FieldKind.Integer, "Dimension score: price, 1 to 5.") { Minimum = 1, Maximum = 5 },
            new("Comment", FieldKind.Text, "Free-text feedback."),
        ],
        v => new SurveyRow
        {
            TicketId = v.RequiredText("TicketId"),
            CustomerId = v.Text("CustomerId"),
            AnsweredAt = v.Instant("AnsweredAt"),
            Csat = v.Integer("Csat"),
            Nps = v.Integer("Nps"),
            ResponseSpeed = v.Integer("ResponseSpeed"),
            Resolution = v.Integer("Resolution"),
            SolutionQuality = v.Integer("SolutionQuality"),
            Communication = v.Integer("Communication"),
            Price = v.Integer("Price"),
            Comment = v.Text("Comment"),
        });
}
