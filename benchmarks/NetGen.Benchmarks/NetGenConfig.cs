using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace NetGen.Benchmarks;

/// <summary>
/// The configuration of every NetGen benchmark: a short job, so that the whole suite (42 cases) runs in about ten
/// minutes on 2 cores, the MemoryDiagnoser (bytes allocated per operation), and the median next to the mean. The job
/// is a default job: a <c>--job</c> on the command line (e.g. <c>--job Default</c> for BenchmarkDotNet's own, longer
/// one) replaces it.
/// </summary>
public sealed class NetGenConfig : ManualConfig
{
    /// <summary>One process per case, 5 warm-up and 15 measured iterations of about 250 ms each.</summary>
    public static readonly Job ShortJob = Job.Default
        .WithId("NetGen")
        .WithLaunchCount(1)
        .WithWarmupCount(5)
        .WithIterationCount(15)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .AsDefault();

    public NetGenConfig()
    {
        AddJob(ShortJob);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
    }
}
