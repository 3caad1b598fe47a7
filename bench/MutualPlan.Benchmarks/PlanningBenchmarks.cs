using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using MutualPlan.Planning.Coaching;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Scheduling;

namespace MutualPlan.Benchmarks;

/// <summary>
/// The pure planning code on a very large plan: 300 milestones (each depending on up to two
/// earlier ones) with 3,000 actions, 60 stakeholders and 100 risks, on a calendar with holidays
/// and a blackout. Run: dotnet run -c Release --project bench/MutualPlan.Benchmarks
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private Plan _plan = null!;
    private ScheduleRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _plan = new Plan { Title = "Large", UpdatedAt = DateTimeOffset.UtcNow, Readiness = new Readiness { HardConstraintDate = new DateOnly(2028, 6, 30) } };
        for (var s = 0; s < 60; s++)
            _plan.Stakeholders.Add(new Stakeholder { Name = $"P{s}", Side = s % 3 == 0 ? Side.Seller : Side.Buyer, Role = (StakeholderRole)(s % 8), BuyIn = (BuyIn)(s % 5) });
        var phases = Enum.GetValues<MilestonePhase>();
        for (var i = 0; i < 300; i++)
        {
            var m = new Milestone { Title = $"Milestone {i}", Phase = phases[i % phases.Length], TargetDate = Today.AddDays(3 * i + 5), Position = i };
            for (var d = 0; d < 2 && i > 0; d++)
                m.DependsOn.Add(new MilestoneDependency { MilestoneId = m.Id, DependsOnId = _plan.Milestones[random.Next(Math.Max(0, i - 10), i)].Id });
            m.DependsOn = [.. m.DependsOn.DistinctBy(x => x.DependsOnId)];
            for (var a = 0; a < 10; a++)
                m.Actions.Add(new ActionItem { Description = $"Action {a}", Side = a % 2 == 0 ? Side.Buyer : Side.Seller, DueDate = m.TargetDate.AddDays(-a), AssigneeId = _plan.Stakeholders[a].Id });
            if (i % 2 == 0) m.Assumptions.Add(new Assumption { Text = "Holds" });
            _plan.Milestones.Add(m);
        }
        for (var r = 0; r < 100; r++)
            _plan.Risks.Add(new Risk { Description = $"Risk {r}", MilestoneId = _plan.Milestones[r * 3].Id, Mitigation = r % 4 == 0 ? null : "Plan" });
        var calendar = new BusinessCalendar(Enumerable.Range(0, 20).Select(k => Today.AddDays(17 * k + 3)),
            [new Blackout(Today.AddDays(200), Today.AddDays(215), "Freeze")]);
        _request = new ScheduleRequest(_plan.Milestones.Select(m => new ScheduleItem(m.Id, m.Title, 2, 5, [.. m.DependsOn.Select(d => d.DependsOnId)])).ToList(),
            calendar, Today, new DateOnly(2029, 6, 30));
    }

    [Benchmark]
    public ScheduleResult Schedule300Milestones() => BackwardScheduler.Schedule(_request);

    [Benchmark]
    public HealthReport Health300Milestones3000Actions() => HealthCoach.Assess(_plan, Today);

    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(PlanningBenchmarks).Assembly).Run(args);
}
