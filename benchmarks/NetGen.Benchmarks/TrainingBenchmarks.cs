using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace NetGen.Benchmarks;

/// <summary>
/// Nanoseconds per example (OperationsPerInvoke = batch size) of TrainBatch with batch 1 and 32 — forward, backward
/// and one gradient-descent step — and of Forward alone, float32 on one thread: the generated network (the baseline
/// of each category, so Ratio is "times slower than generated"), <see cref="ReferenceNetwork{T}"/> and the
/// hand-written <see cref="TensorPrimitivesNetwork"/>.
/// </summary>
[Config(typeof(NetGenConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TrainingBenchmarks
{
    private const int Batch = Workload.MaxBatch;
    private Workload _w = null!;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "";

    public static System.Collections.Generic.IEnumerable<string> Networks => Workload.Names;

    [GlobalSetup]
    public void Setup() => _w = Workload.Create(Network);

    [BenchmarkCategory("TrainBatch 1"), Benchmark(Baseline = true)]
    public float Generated_TrainBatch1() => _w.Generated.TrainBatch(_w.InputRows(1), _w.TargetRows(1), Workload.LearningRate);

    [BenchmarkCategory("TrainBatch 1"), Benchmark]
    public float Reference_TrainBatch1() => _w.Reference.TrainBatch(_w.InputRows(1), _w.TargetRows(1), Workload.LearningRate);

    [BenchmarkCategory("TrainBatch 1"), Benchmark]
    public float TensorPrimitives_TrainBatch1() => _w.Baseline.TrainBatch(_w.InputRows(1), _w.TargetRows(1), Workload.LearningRate);

    [BenchmarkCategory("TrainBatch 32"), Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public float Generated_TrainBatch32() => _w.Generated.TrainBatch(_w.InputRows(Batch), _w.TargetRows(Batch), Workload.LearningRate);

    [BenchmarkCategory("TrainBatch 32"), Benchmark(OperationsPerInvoke = Batch)]
    public float Reference_TrainBatch32() => _w.Reference.TrainBatch(_w.InputRows(Batch), _w.TargetRows(Batch), Workload.LearningRate);

    [BenchmarkCategory("TrainBatch 32"), Benchmark(OperationsPerInvoke = Batch)]
    public float TensorPrimitives_TrainBatch32() => _w.Baseline.TrainBatch(_w.InputRows(Batch), _w.TargetRows(Batch), Workload.LearningRate);

    [BenchmarkCategory("Forward"), Benchmark(Baseline = true)]
    public float[] Generated_Forward()
    {
        _w.Generated.Forward(_w.InputRows(1), _w.Output);
        return _w.Output;
    }

    [BenchmarkCategory("Forward"), Benchmark]
    public float[] Reference_Forward()
    {
        _w.Reference.Forward(_w.InputRows(1), _w.Output);
        return _w.Output;
    }

    [BenchmarkCategory("Forward"), Benchmark]
    public float[] TensorPrimitives_Forward()
    {
        _w.Baseline.Forward(_w.InputRows(1), _w.Output);
        return _w.Output;
    }
}
