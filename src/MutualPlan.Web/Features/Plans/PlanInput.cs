using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Features.Plans;

/// <summary>The deal header: what creating a plan asks for and what editing the header changes.</summary>
public sealed class PlanInput : IValidatableObject
{
    [Required(ErrorMessage = "Give the plan a title, e.g. \"Northwind: finance automation\".")]
    [StringLength(Plan.TitleMax, ErrorMessage = "Keep the title under 200 characters.")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Enter the buyer's company name.")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the company name under 200 characters.")]
    public string? BuyerCompany { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep this under 200 characters.")]
    public string? Solution { get; set; }

    [Range(0, 999_999_999_999, ErrorMessage = "Enter a deal value of zero or more.")]
    public decimal? DealValue { get; set; }

    public string? Currency { get; set; }

    public DealStage? Stage { get; set; }

    public Guid? OwnerId { get; set; }

    public DateOnly? PreparedOn { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }

    /// <summary>For updates: the plan version the client last read.</summary>
    public int? Version { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var currency = (Currency ?? "").Trim().ToUpperInvariant();
        if (currency.Length == 0)
            yield return new ValidationResult("Choose the deal currency (e.g. EUR, USD).", [nameof(Currency)]);
        else if (!Currencies.IsKnown(currency))
            yield return new ValidationResult($"\"{Currency}\" is not an ISO 4217 currency code; use three letters such as EUR, USD or GBP.", [nameof(Currency)]);
        if (PeriodStart is { } s && PeriodEnd is { } e && e < s)
            yield return new ValidationResult("The plan period cannot end before it starts.", [nameof(PeriodEnd)]);
    }

    public static PlanInput From(Plan p) => new()
    {
        Title = p.Title, BuyerCompany = p.BuyerCompany, Solution = p.Solution, DealValue = p.DealValue,
        Currency = p.Currency, Stage = p.Stage, OwnerId = p.OwnerId, PreparedOn = p.PreparedOn,
        PeriodStart = p.PeriodStart, PeriodEnd = p.PeriodEnd, Version = p.Version,
    };
}

/// <summary>ISO 4217 currency codes known to the platform's culture data.</summary>
public static class Currencies
{
    public static readonly IReadOnlySet<string> Codes = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .Where(c => c is { Length: 3 }).Select(c => c!).ToHashSet(StringComparer.Ordinal);

    // An English-language culture per currency, for its symbol and grouping (e.g. en-GB for GBP).
    private static readonly Dictionary<string, CultureInfo> FormatCultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Where(c => c.Name.StartsWith("en", StringComparison.Ordinal))
        .Select(c => { try { return (Code: new RegionInfo(c.Name).ISOCurrencySymbol, Culture: c); } catch (ArgumentException) { return (Code: "", Culture: c); } })
        .Where(x => x.Code.Length == 3)
        .GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Culture.Name == "en-US" ? 0 : 1).First().Culture);

    public static bool IsKnown(string code) => Codes.Contains(code);

    public static readonly string[] Common = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "JPY", "INR", "SGD", "BRL"];

    /// <summary>"€120,000" style formatting without depending on the server's culture.</summary>
    public static string Format(decimal? value, string currency)
    {
        if (value is null) return "—";
        var culture = FormatCultures.GetValueOrDefault(currency);
        return culture is null
            ? $"{value.Value.ToString("N0", CultureInfo.InvariantCulture)} {currency}"
            : value.Value.ToString("C0", culture);
    }
}
