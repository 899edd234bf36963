using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Reference;

internal static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reference").WithTags("Reference").RequireAuthorization(AccountPermissions.Public);
        api.MapGet("/states", States).WithSummary("Participating States (and, with partners=true, the Partners for Co-operation), named in the request's language.");
        api.MapGet("/executive-structures", Structures).WithSummary("Secretariat units, institutions, field operations and training institutions.");
        api.MapGet("/thematic-priorities", Priorities).WithSummary("The six thematic priorities.");
        api.MapGet("/lines-of-action", Lines).WithSummary("The five lines of action.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ReferenceOption>>> States(IReferenceDirectory reference, bool? partners, CancellationToken ct) =>
        TypedResults.Ok(await reference.StatesAsync(CultureInfo.CurrentUICulture, partners ?? false, ct));

    private static async Task<Ok<IReadOnlyList<ReferenceOption>>> Structures(IReferenceDirectory reference, CancellationToken ct) =>
        TypedResults.Ok(await reference.ExecutiveStructuresAsync(CultureInfo.CurrentUICulture, ct));

    private static async Task<Ok<IReadOnlyList<ReferenceOption>>> Priorities(IReferenceDirectory reference, CancellationToken ct) =>
        TypedResults.Ok(await reference.ThematicPrioritiesAsync(CultureInfo.CurrentUICulture, ct));

    private static async Task<Ok<IReadOnlyList<ReferenceOption>>> Lines(IReferenceDirectory reference, CancellationToken ct) =>
        TypedResults.Ok(await reference.LinesOfActionAsync(CultureInfo.CurrentUICulture, ct));
}
