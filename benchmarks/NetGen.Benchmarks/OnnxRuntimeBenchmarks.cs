using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// Inference, nanoseconds per example, float32 on one thread: ONNX Runtime running the exported model (one row, and 32
/// rows in one call through the symbolic batch dimension) next to the generated network's Forward (one row, and a loop
/// of 32 single-row calls over the same 32 rows). Every network of <see cref="Workload"/>, with the same weights.
/// </summary>
[Config(typeof(NetGenConfig))]
public class OnnxRuntimeBenchmarks
{
    private const int Batch = Workload.MaxBatch;
    private Workload _w = null!;
    private OnnxRuntimeModel _one = null!, _many = null!;
    private float[] _outputs = null!;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "";

    public static IEnumerable<string> Networks => Workload.Names;

    [GlobalSetup]
    public void Setup()
    {
        _w = Workload.Create(Network);
        _one = new OnnxRuntimeModel(_w.Generated, 1);
        _many = new OnnxRuntimeModel(_w.Generated, Batch);
        _w.InputRows(1).CopyTo(_one.Input);
        _w.InputRows(Batch).CopyTo(_many.Input);
        _one.CheckAgainst(_w.Generated);
        _many.CheckAgainst(_w.Generated);
        _outputs = new float[Batch * _w.Generated.OutputCount];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _one.Dispose();
        _many.Dispose();
    }

    [Benchmark(Description = "OnnxRuntime Forward b1")]
    public float[] OnnxRuntime_Forward1()
    {
        _one.Run();
        return _one.Output;
    }

    [Benchmark(Description = "OnnxRuntime batch 32", OperationsPerInvoke = Batch)]
    public float[] OnnxRuntime_Batch32()
    {
        _many.Run();
        return _many.Output;
    }

    [Benchmark(Description = "NetGen Forward", Baseline = true)]
    public float[] NetGen_Forward1()
    {
        _w.Generated.Forward(_w.InputRows(1), _w.Output);
        return _w.Output;
    }

    [Benchmark(Description = "NetGen 32 × Forward", OperationsPerInvoke = Batch)]
    public float[] NetGen_Forward32()
    {
        int inputs = _w.Generated.InputCount, outputs = _w.Generated.OutputCount;
        ReadOnlySpan<float> rows = _w.InputRows(Batch);
        for (int r = 0; r < Batch; r++)
            _w.Generated.Forward(rows.Slice(r * inputs, inputs), _outputs.AsSpan(r * outputs, outputs));
        return _outputs;
    }
}
