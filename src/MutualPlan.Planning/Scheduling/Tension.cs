namespace MutualPlan.Planning.Scheduling;

/// <summary>
/// The gap between the seller's target close and the date the buyer's plan can actually reach
/// signature, stated openly rather than hidden. Positive days: the seller's target is earlier than
/// the buyer can sign.
/// </summary>
public sealed record CloseTension(DateOnly SellerTarget, DateOnly BuyerFeasible, int WorkingDays, int CalendarDays)
{
    public bool Exists => WorkingDays > 0;

    public static CloseTension Between(DateOnly sellerTarget, ScheduledMilestone signature, BusinessCalendar cal) =>
        new(sellerTarget, signature.Earliest, cal.WorkingDaysBetween(sellerTarget, signature.Earliest),
            signature.Earliest.DayNumber - sellerTarget.DayNumber);

    public string Explain() => Exists
        ? $"Your target close ({SellerTarget:d MMM yyyy}) is {WorkingDays} working days before the earliest date the buyer's plan reaches signature ({BuyerFeasible:d MMM yyyy})."
        : $"The buyer's plan can reach signature by {BuyerFeasible:d MMM yyyy}, on or before your target close ({SellerTarget:d MMM yyyy}).";
}
