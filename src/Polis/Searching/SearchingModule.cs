using Microsoft.Extensions.DependencyInjection;
using Polis.Searching.Contracts;

namespace Polis.Searching;

public static class SearchingModule
{
    public static IServiceCollection AddSearching(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndexHolder>();
        services.AddSingleton<SearchIndexer>();
        services.AddScoped<ISearchOutbox, SearchOutbox>();
        services.AddHostedService<SearchIndexerService>();
        return services;
    }
}
