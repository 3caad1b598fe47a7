using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Tests.Planning;

public sealed class BackwardSchedulerTests
{
    // Monday 23 November 2026 is "today" in every example.
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    private static readonly Guid Eval = Guid.NewGuid(), Security = Guid.NewGuid(), Procurement = Guid.NewGuid(),
        Legal = Guid.NewGuid(), Signature = Guid.NewGuid();

    /// <summary>evaluation (5) → security (3) → procurement (5–7) → legal (7–10) → signature (1).</summary>
    private static List<ScheduleItem> Chain() =>
    [
        ScheduleItem.Of(Eval, "Evaluation", 5),
        ScheduleItem.Of(Security, "Security review", 3, Eval),
        new(Procurement, "Procurement review", 5, 7, [Security]),
        new(Legal, "Legal review", 7, 10, [Procurement]),
        ScheduleItem.Of(Signature, "Signature", 1, Legal),
    ];

    [Fact]
    public void Working_days_skip_weekends_holidays_and_blackouts()
    {
        var cal = new BusinessCalendar([D(12, 25), D(1, 1, 2027)], [new Blackout(D(12, 28), D(12, 31), "Year-end freeze")]);
        Assert.False(cal.IsWorkingDay(D(11, 28)));           // Saturday
        Assert.False(cal.IsWorkingDay(D(12, 25)));           // holiday
        Assert.False(cal.IsWorkingDay(D(12, 30)));           // blackout
        Assert.Equal(D(1, 4, 2027), cal.AddWorkingDays(D(12, 24), 1));
        Assert.Equal(D(12, 24), cal.AddWorkingDays(D(1, 4, 2027), -1));
        Assert.Equal(1, cal.WorkingDaysBetween(D(12, 24), D(1, 4, 2027)));
        Assert.Equal(-5, cal.WorkingDaysBetween(D(11, 30), D(11, 23)));
        Assert.Equal(D(12, 24), cal.OnOrBefore(D(12, 27)));
    }

    [Fact]
    public void A_chain_is_planned_back_from_the_anchor_and_forward_from_today()
    {
        // Anchor Friday 29 January 2027; weekdays only.
        var result = BackwardScheduler.Schedule(new ScheduleRequest(Chain(), BusinessCalendar.Weekdays, Today, D(1, 29, 2027)));

        Assert.Equal(D(1, 29, 2027), result[Signature].Latest);
        Assert.Equal(D(1, 28, 2027), result[Legal].Latest);     // day before signature
        Assert.Equal(D(1, 14, 2027), result[Procurement].Latest); // legal's 10 days start 15 Jan
        Assert.Equal(D(1, 5, 2027), result[Security].Latest);   // procurement's 7 days start 6 Jan
        Assert.Equal(D(12, 31), result[Eval].Latest);           // security's 3 days start 1 Jan

        Assert.Equal(D(11, 30), result[Eval].Earliest);         // 24–30 Nov
        Assert.Equal(D(12, 3), result[Security].Earliest);
        Assert.Equal(D(12, 14), result[Procurement].Earliest);
        Assert.Equal(D(12, 28), result[Legal].Earliest);
        Assert.Equal(D(12, 29), result[Signature].Earliest);
        Assert.Equal(D(12, 22), result[Signature].BestCase);     // 5 + 3 + 5 + 7 + 1 working days

        Assert.True(result.Feasible);
        Assert.All(result.Milestones, m => Assert.Equal(23, m.Slack));
        Assert.All(result.Milestones, m => Assert.True(m.Critical));
    }

    [Fact]
    public void An_anchor_too_close_is_infeasible_by_the_overrun_in_working_days()
    {
        var result = BackwardScheduler.Schedule(new ScheduleRequest(Chain(), BusinessCalendar.Weekdays, Today, D(12, 18)));
        Assert.False(result.Feasible);
        Assert.Equal(-7, result[Signature].Slack); // earliest 29 Dec is 7 working days after 18 Dec
        Assert.Equal(5, result.Infeasible.Count());
    }

    [Fact]
    public void An_anchor_on_a_holiday_or_in_a_blackout_moves_to_the_working_day_before()
    {
        var cal = new BusinessCalendar([D(1, 1, 2027)], [new Blackout(D(1, 25, 2027), D(1, 29, 2027), "Quarter close")]);
        var onHoliday = BackwardScheduler.Schedule(new ScheduleRequest([ScheduleItem.Of(Signature, "Signature", 1)], cal, Today, D(1, 1, 2027)));
        Assert.Equal(D(12, 31), onHoliday[Signature].Latest);
        var inBlackout = BackwardScheduler.Schedule(new ScheduleRequest([ScheduleItem.Of(Signature, "Signature", 1)], cal, Today, D(1, 28, 2027)));
        Assert.Equal(D(1, 22, 2027), inBlackout[Signature].Latest);
    }

    [Fact]
    public void Work_stops_during_a_blackout()
    {
        var cal = new BusinessCalendar(blackouts: [new Blackout(D(12, 21), D(1, 1, 2027), "Holiday freeze")]);
        var result = BackwardScheduler.Schedule(new ScheduleRequest([ScheduleItem.Of(Legal, "Legal review", 10)], cal, D(12, 14), D(3, 1, 2027)));
        // 15–18 Dec is 4 days, the other 6 resume on 4 Jan.
        Assert.Equal(D(1, 11, 2027), result[Legal].Earliest);
    }

    [Fact]
    public void A_milestone_pinned_to_a_fixed_event_happens_that_day_and_its_prerequisites_finish_before()
    {
        var cfo = Guid.NewGuid();
        var items = new List<ScheduleItem>
        {
            ScheduleItem.Of(Eval, "Business case", 5),
            new(cfo, "CFO budget review", 1, 1, [Eval], PinnedTo: D(12, 16)),
            ScheduleItem.Of(Signature, "Signature", 1, cfo),
        };
        var result = BackwardScheduler.Schedule(new ScheduleRequest(items, BusinessCalendar.Weekdays, Today, D(1, 29, 2027)));
        Assert.Equal(D(12, 16), result[cfo].Earliest);
        Assert.Equal(D(12, 16), result[cfo].Latest);
        Assert.Equal(D(12, 15), result[Eval].Latest);
        Assert.Equal(D(12, 17), result[Signature].Earliest);
        Assert.Equal(0, result[cfo].Slack);
        Assert.True(result[cfo].Critical);
        Assert.False(result[Signature].Critical);

        var tooSoon = BackwardScheduler.Schedule(new ScheduleRequest(
            [ScheduleItem.Of(Eval, "Business case", 15), new(cfo, "CFO budget review", 1, 1, [Eval], PinnedTo: D(12, 4))],
            BusinessCalendar.Weekdays, Today, D(1, 29, 2027)));
        Assert.False(tooSoon[cfo].Feasible);
    }

    [Fact]
    public void Parallel_branches_give_slack_to_the_shorter_one()
    {
        var legalShort = ScheduleItem.Of(Legal, "Legal review", 2);
        var procurementLong = ScheduleItem.Of(Procurement, "Procurement review", 7);
        var sign = ScheduleItem.Of(Signature, "Signature", 1, Legal, Procurement);
        var result = BackwardScheduler.Schedule(new ScheduleRequest([legalShort, procurementLong, sign], BusinessCalendar.Weekdays, Today, D(12, 4)));
        // Procurement ends 2 Dec, legal 25 Nov; signature on 3 Dec could wait until the 4th.
        Assert.Equal(1, result[Procurement].Slack);
        Assert.Equal(6, result[Legal].Slack);
        Assert.Equal(new[] { Procurement, Signature }.Order(), result.CriticalPath.Select(m => m.Id).Order());
    }

    [Fact]
    public void A_dependency_loop_is_an_error_naming_the_loop()
    {
        List<ScheduleItem> items =
        [
            ScheduleItem.Of(Eval, "Evaluation", 1, Legal),
            ScheduleItem.Of(Security, "Security review", 1, Eval),
            ScheduleItem.Of(Legal, "Legal review", 1, Security),
        ];
        var e = Assert.Throws<DependencyCycleException>(() => BackwardScheduler.Schedule(new ScheduleRequest(items, BusinessCalendar.Weekdays, Today, D(12, 31))));
        Assert.Equal(["Evaluation", "Legal review", "Security review", "Evaluation"], e.Cycle);
    }

    [Fact]
    public void The_tension_between_the_sellers_target_and_the_buyers_feasible_signature_is_stated_in_days()
    {
        var result = BackwardScheduler.Schedule(new ScheduleRequest(Chain(), BusinessCalendar.Weekdays, Today, D(1, 29, 2027)));
        var tension = CloseTension.Between(D(12, 18), result[Signature], BusinessCalendar.Weekdays);
        Assert.True(tension.Exists);
        Assert.Equal(7, tension.WorkingDays);
        Assert.Equal(11, tension.CalendarDays);
        Assert.Contains("7 working days before", tension.Explain());
        Assert.False(CloseTension.Between(D(1, 15, 2027), result[Signature], BusinessCalendar.Weekdays).Exists);
    }

    [Fact]
    public void Random_plans_respect_the_calendar_the_dependencies_and_the_anchor()
    {
        var random = new Random(20261122);
        var holidays = Enumerable.Range(0, 12).Select(_ => Today.AddDays(random.Next(1, 200))).ToList();
        var cal = new BusinessCalendar(holidays, [new Blackout(Today.AddDays(30), Today.AddDays(40), "Freeze")]);
        for (var run = 0; run < 200; run++)
        {
            var count = random.Next(1, 12);
            var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
            // Dependencies only on earlier items: acyclic by construction.
            var items = ids.Select((id, k) =>
            {
                var deps = ids.Take(k).Where(_ => random.NextDouble() < 0.3).ToList();
                var min = random.Next(1, 8);
                return new ScheduleItem(id, $"M{k}", min, min + random.Next(0, 4), deps);
            }).ToList();
            var anchor = Today.AddDays(random.Next(5, 250));
            var result = BackwardScheduler.Schedule(new ScheduleRequest(items, cal, Today, anchor));

            foreach (var m in result.Milestones)
            {
                var item = items.Single(i => i.Id == m.Id);
                Assert.True(cal.IsWorkingDay(m.Latest) && cal.IsWorkingDay(m.Earliest) && cal.IsWorkingDay(m.BestCase));
                Assert.True(m.Latest <= anchor);
                Assert.True(m.Earliest > Today);
                Assert.True(m.BestCase <= m.Earliest);
                foreach (var dep in item.DependsOn)
                {
                    var p = result[dep];
                    // The dependent's work starts after its prerequisite finishes, in both passes.
                    Assert.True(cal.AddWorkingDays(m.Earliest, -(item.MaxDays - 1)) > p.Earliest);
                    Assert.True(cal.AddWorkingDays(m.Latest, -(item.MaxDays - 1)) > p.Latest);
                }
                if (m.Slack == 0) Assert.Equal(m.Earliest, m.Latest);
                Assert.Equal(m.Slack < 0, !m.Feasible);
            }
        }
    }
}
