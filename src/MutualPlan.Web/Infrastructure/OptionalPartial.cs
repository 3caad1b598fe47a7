using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;

namespace MutualPlan.Web.Infrastructure;

public static class OptionalPartial
{
    /// <summary>
    /// Renders a section partial if it exists. The plan page lists its sections in document order;
    /// a test (PlanPageTests) checks every one of them is rendered, so a missing file cannot ship
    /// unnoticed, while feature work can proceed section by section.
    /// </summary>
    public static async Task<IHtmlContent> SectionAsync(this IHtmlHelper html, ICompositeViewEngine engine, string path, object model)
    {
        var found = engine.GetView(executingFilePath: null, viewPath: path, isMainPage: false);
        return found.Success ? await html.PartialAsync(path, model) : HtmlString.Empty;
    }
}
