using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using Polis.Accounts.Contracts;
using Polis.Platform;

namespace Polis.Accounts;

/// <summary>`polis users create-admin`: the first administrator of a new installation.</summary>
internal static class UsersCommand
{
    public static Command Create(CommandHost host)
    {
        var email = new Option<string>("--email") { Description = "E-mail address, also the user name.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name.", DefaultValueFactory = _ => "Administrator" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one." };
        var createAdmin = new Command("create-admin", "Create an administrator account. Prints a generated password unless --password-stdin is given.")
            { email, name, passwordStdin };
        createAdmin.SetAction((parse, ct) => host.RunAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<PolisSetup>().MigrateAsync(ct);
            var generated = !parse.GetValue(passwordStdin);
            var password = generated ? GeneratePassword() : (await Console.In.ReadLineAsync(ct))?.Trim() ?? "";
            try
            {
                var created = await sp.GetRequiredService<UserDirectory>().CreateAsync(
                    parse.GetValue(email)!, parse.GetValue(name)!, password, [Role.Administrator]);
                if (!created)
                {
                    await Console.Error.WriteLineAsync($"A user with the e-mail {parse.GetValue(email)} already exists; nothing was changed.");
                    return 1;
                }
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"The administrator was not created: {e.Message}");
                return 1;
            }
            Console.WriteLine($"Administrator {parse.GetValue(email)} created." + (generated ? $" Password: {password}" : ""));
            return 0;
        }, ct));
        return new Command("users", "Manage user accounts.") { createAdmin };
    }

    private static string GeneratePassword() =>
        "Pl-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y') + "-9";
}
