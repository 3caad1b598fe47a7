namespace MutualPlan.Planning.Scheduling;

/// <summary>
/// Plans milestones backwards from the buyer's constraint and forwards from today, on the
/// buyer's working calendar. A milestone's work occupies its duration in working days ending on
/// its finish date; a dependent starts on the next working day after all its prerequisites finish.
///
/// Backward pass: milestones nobody depends on finish by the anchor; every prerequisite finishes
/// by the working day before its earliest-starting dependent begins (at the dependent's upper
/// duration: the conservative plan). Forward pass: work starts on the first working day after
/// today. A pinned milestone finishes exactly on its date (moved to a working day on or before).
/// Pure: no clock, no database.
/// </summary>
public static class BackwardScheduler
{
    public static ScheduleResult Schedule(ScheduleRequest request)
    {
        var cal = request.Calendar;
        var items = request.Items.ToDictionary(i => i.Id);
        foreach (var i in request.Items)
        {
            if (i.MinDays < 1 || i.MaxDays < i.MinDays)
                throw new ArgumentException($"“{i.Title}” needs a duration of at least one working day, with the lower bound not above the upper.");
            if (i.DependsOn.Any(d => !items.ContainsKey(d)))
                throw new ArgumentException($"“{i.Title}” depends on a milestone that is not in the plan.");
        }
        var order = TopologicalOrder(request.Items, items);
        var dependents = request.Items.ToDictionary(i => i.Id, _ => new List<ScheduleItem>());
        foreach (var i in request.Items)
            foreach (var d in i.DependsOn) dependents[d].Add(i);

        // Forward pass, at the upper and the lower duration.
        var earliest = new Dictionary<Guid, DateOnly>();
        var best = new Dictionary<Guid, DateOnly>();
        var firstDay = cal.OnOrAfter(request.Today.AddDays(1));
        foreach (var i in order)
        {
            earliest[i.Id] = Finish(i, i.MaxDays, i.DependsOn.Select(d => earliest[d]), firstDay, cal);
            best[i.Id] = Finish(i, i.MinDays, i.DependsOn.Select(d => best[d]), firstDay, cal);
        }

        // Backward pass from the anchor.
        var latest = new Dictionary<Guid, DateOnly>();
        var anchor = cal.OnOrBefore(request.Anchor);
        foreach (var i in Enumerable.Reverse(order))
        {
            var finish = anchor;
            foreach (var next in dependents[i.Id])
            {
                // The dependent's work starts (MaxDays - 1) working days before its latest finish;
                // this one must be done the working day before that.
                var start = cal.AddWorkingDays(latest[next.Id], -(next.MaxDays - 1));
                var before = cal.AddWorkingDays(start, -1);
                if (before < finish) finish = before;
            }
            if (i.PinnedTo is { } pin && cal.OnOrBefore(pin) < finish) finish = cal.OnOrBefore(pin);
            if (i.Deadline is { } deadline && cal.OnOrBefore(deadline) < finish) finish = cal.OnOrBefore(deadline);
            latest[i.Id] = finish;
        }

        var slack = request.Items.ToDictionary(i => i.Id, i => cal.WorkingDaysBetween(earliest[i.Id], latest[i.Id]));
        var minSlack = slack.Values.DefaultIfEmpty(0).Min();
        return new ScheduleResult(request.Items.Select(i => new ScheduledMilestone(
            i.Id, i.Title, latest[i.Id], earliest[i.Id], best[i.Id], slack[i.Id], slack[i.Id] == minSlack)).ToList());
    }

    private static DateOnly Finish(ScheduleItem item, int days, IEnumerable<DateOnly> prerequisiteFinishes, DateOnly firstDay, BusinessCalendar cal)
    {
        var start = firstDay;
        foreach (var f in prerequisiteFinishes)
        {
            var next = cal.AddWorkingDays(f, 1);
            if (next > start) start = next;
        }
        var finish = cal.AddWorkingDays(start, days - 1);
        // A milestone pinned to a fixed event happens on that day, unless its work cannot be done by then.
        if (item.PinnedTo is { } pin && cal.OnOrBefore(pin) > finish) finish = cal.OnOrBefore(pin);
        return finish;
    }

    /// <summary>Prerequisites before dependents; a loop is reported with the milestones in it.</summary>
    private static List<ScheduleItem> TopologicalOrder(IReadOnlyList<ScheduleItem> all, Dictionary<Guid, ScheduleItem> byId)
    {
        var state = new Dictionary<Guid, int>(); // 0 new, 1 on the current path, 2 done
        var order = new List<ScheduleItem>();
        var path = new List<Guid>();
        void Visit(ScheduleItem i)
        {
            state.TryGetValue(i.Id, out var s);
            if (s == 2) return;
            if (s == 1)
            {
                var loop = path.Skip(path.IndexOf(i.Id)).Append(i.Id).Select(id => byId[id].Title).ToList();
                throw new DependencyCycleException(loop);
            }
            state[i.Id] = 1;
            path.Add(i.Id);
            foreach (var d in i.DependsOn) Visit(byId[d]);
            path.RemoveAt(path.Count - 1);
            state[i.Id] = 2;
            order.Add(i);
        }
        foreach (var i in all) Visit(i);
        return order;
    }
}
