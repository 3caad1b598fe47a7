using System.Security.Cryptography;
using System.Text;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Infrastructure.Live;

/// <summary>
/// A person with the plan open, as the seller's team sees them: name, company, side, and for a
/// buyer how they came in (the link's internal label) and their e-mail address.
/// </summary>
public sealed record SellerSeesPerson(string Key, string Name, string? Company, string Side, string Initials, bool Guest, string? Via, string? Email);

/// <summary>
/// A person with the plan open, as a buyer sees them. Its own type, so nothing internal (link
/// labels, e-mail addresses, internal ids) can slip into what buyers receive.
/// </summary>
public sealed record BuyerSeesPerson(string Key, string Name, string? Company, string Side, string Initials, bool Guest);


/// <summary>Turns the open connections of a plan into the people shown on each side.</summary>
public static class PresenceList
{
    /// <summary>
    /// A stable key per person and plan that reveals no id: the same person in two tabs is shown
    /// once and recognises itself, while nobody learns another person's user or visitor id.
    /// </summary>
    public static string KeyOf(Guid planId, bool isBuyer, Guid personId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{planId:N}:{(isBuyer ? "b" : "s")}:{personId:N}"));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    public static string KeyOf(PlanViewer v) => KeyOf(v.PlanId, v.IsBuyer, v.PersonId);

    public static string Initials(string? name)
    {
        var words = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => char.IsLetterOrDigit(w[0])).ToList();
        if (words.Count == 0) return "?";
        var first = char.ToUpperInvariant(words[0][0]).ToString();
        return words.Count == 1 ? first : first + char.ToUpperInvariant(words[^1][0]);
    }

    /// <summary>One entry per person (a person may have several tabs open), sellers first, then by when they came.</summary>
    private static IEnumerable<PlanViewer> People(IEnumerable<PlanViewer> rows) =>
        rows.GroupBy(KeyOf).Select(g => g.OrderBy(v => v.JoinedAt).First())
            .OrderBy(v => v.IsBuyer).ThenBy(v => v.JoinedAt).ThenBy(v => v.Name, StringComparer.Ordinal);

    public static List<SellerSeesPerson> ForSellers(IEnumerable<PlanViewer> rows, IReadOnlyDictionary<Guid, ShareLink> links, string buyerCompany, string sellerCompany) =>
        People(rows).Select(v =>
        {
            var guest = v.IsBuyer && string.IsNullOrWhiteSpace(v.Name);
            var via = v.LinkId is { } l && links.TryGetValue(l, out var link) ? link.Label : null;
            var name = guest ? (via is null ? "Guest" : $"Guest via {via}") : v.Name!;
            return new SellerSeesPerson(KeyOf(v), name, Company(v, guest, buyerCompany, sellerCompany), Side(v),
                guest ? "G" : Initials(v.Name), guest, v.IsBuyer ? via : null, v.IsBuyer ? v.Email : null);
        }).ToList();

    public static List<BuyerSeesPerson> ForBuyers(IEnumerable<PlanViewer> rows, string buyerCompany, string sellerCompany) =>
        People(rows).Select(v =>
        {
            var guest = v.IsBuyer && string.IsNullOrWhiteSpace(v.Name);
            return new BuyerSeesPerson(KeyOf(v), guest ? "Guest" : v.Name!, Company(v, guest, buyerCompany, sellerCompany), Side(v),
                guest ? "G" : Initials(v.Name), guest);
        }).ToList();

    private static string Side(PlanViewer v) => v.IsBuyer ? "buyer" : "seller";

    // A guest may be anyone who holds the link, so no company is claimed for them.
    private static string? Company(PlanViewer v, bool guest, string buyerCompany, string sellerCompany) =>
        guest ? null : NullIfBlank(v.IsBuyer ? buyerCompany : sellerCompany);

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
