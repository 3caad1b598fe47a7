using System.Collections.Concurrent;

namespace MutualPlan.Web.Data;

/// <summary>
/// A precompiled EF query per database provider. A compiled query is bound to the provider it was
/// first run with; the app uses one provider per process, but tests run both in one process.
/// </summary>
public sealed class CompiledQuery<TDelegate>(Func<TDelegate> compile) where TDelegate : class
{
    private readonly ConcurrentDictionary<string, TDelegate> _byProvider = new();

    public TDelegate For(AppDbContext db) => _byProvider.GetOrAdd(db.Database.ProviderName ?? "", _ => compile());
}
