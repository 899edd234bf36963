using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Activities;

/// <summary>Intent helpers for the activity tests: a valid activity as JSON, created over the API.</summary>
internal static class ActivityRequests
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid activity body; <paramref name="change"/> adjusts it.</summary>
    public static JsonObject Valid(string title = "Regional workshop on criminal asset recovery", Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["language"] = "en",
            ["title"] = title,
            ["description"] = "Investigators from Central Asia learn to trace, seize and confiscate criminal assets.",
            ["owner"] = "SPMU",
            ["coOrganisers"] = new JsonArray("OCEEA"),
            ["type"] = "Workshop",
            ["status"] = "Completed",
            ["priorities"] = new JsonArray("OrganizedCrime"),
            ["subAreas"] = new JsonArray("FinancialInvestigations"),
            ["linesOfAction"] = new JsonArray("Training"),
            ["states"] = new JsonArray("KZ", "KG", "TJ"),
            ["agencies"] = new JsonArray("Police", "Prosecution"),
            ["partners"] = new JsonArray("UNODC"),
            ["location"] = "Almaty",
            ["locationState"] = "KZ",
            ["startsOn"] = "2012-07-18",
            ["endsOn"] = "2012-07-20",
            ["participantsTotal"] = 30,
            ["participantsWomen"] = 9,
            ["participantsMen"] = 21,
            ["participantsByState"] = new JsonArray(new JsonObject { ["state"] = "KZ", ["count"] = 12 }, new JsonObject { ["state"] = "KG", ["count"] = 10 }),
            ["budgetLines"] = new JsonArray(
                new JsonObject { ["amount"] = 12500.50m, ["currency"] = "EUR", ["funding"] = "UnifiedBudget" },
                new JsonObject { ["amount"] = 3000, ["currency"] = "USD", ["funding"] = "ExtraBudgetary", ["donor"] = "Germany" }),
            ["access"] = "Public",
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>Creates the activity and answers its id and version.</summary>
    public static async Task<(Guid Id, int Version)> CreateAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/activities", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var json = JsonNode.Parse(text)!;
        return (Guid.Parse((string)json["id"]!), (int)json["version"]!);
    }

    public static Task<HttpClient> EditorOfAsync(this PolisApp app, params string[] structures) => app.SignedInAsync(Polis.Accounts.Contracts.Role.Editor, structures);

    public static Task<HttpClient> CoordinatorAsync(this PolisApp app) => app.SignedInAsync(Polis.Accounts.Contracts.Role.Coordinator);
}
