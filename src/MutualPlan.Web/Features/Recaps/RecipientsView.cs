using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Recaps;

/// <summary>The recipient picker of a plan e-mail: people on both sides with an address, typed addresses, the PDF option.</summary>
public sealed record RecipientsView(string IdPrefix, IReadOnlyList<RecipientChoice> Choices, MailRecipientsInput Input, FieldErrors Errors, bool PdfEnabled)
{
    public bool IsChosen(RecipientChoice c) =>
        c.Kind == "seller" ? Input.SellerIds?.Contains(c.Id) == true : Input.StakeholderIds?.Contains(c.Id) == true;

    public string FieldName(RecipientChoice c) => c.Kind == "seller" ? "sellerIds" : "stakeholderIds";

    public string AddressesText => string.Join(", ", (Input.Addresses ?? []).SelectMany(PlanMailer.SplitAddresses));
}
