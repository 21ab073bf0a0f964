System.Console.WriteLine("CrmCore sample service desk month");
