using System;
using System.Collections.Generic;

namespace NetGen.Benchmarks;

/// <summary>
/// One network three ways — generated, <see cref="ReferenceNetwork{T}"/> and the <see cref="TensorPrimitivesNetwork"/>
/// baseline — with the same parameters, and a fixed batch of random examples, so every benchmark does the same work.
/// </summary>
public sealed class Workload
{
    /// <summary>The names of the benchmarked networks, in the order of the tables.</summary>
    public static readonly IReadOnlyList<string> Names = ["2-4-1", "1-32-32-1", "784-16-16-10", "784-128-10"];

    /// <summary>The step size of every TrainBatch call: small, so that repeated steps on one batch stay far from overflow or denormals.</summary>
    public const float LearningRate = 0.001f;

    /// <summary>The largest batch the benchmarks use.</summary>
    public const int MaxBatch = 32;

    private Workload(INetwork<float> generated)
    {
        Generated = generated;
        Reference = new ReferenceNetwork<float>(generated.Spec);
        Baseline = new TensorPrimitivesNetwork(generated.Spec);
        generated.Parameters.CopyTo(Reference.Parameters);
        generated.Parameters.CopyTo(Baseline.Parameters);
        var random = new Random(1);
        Inputs = new float[MaxBatch * generated.InputCount];
        Targets = new float[MaxBatch * generated.OutputCount];
        // Inputs like pixel intensities in [0, 1), targets in [0, 1) (reachable by sigmoid outputs).
        for (int i = 0; i < Inputs.Length; i++) Inputs[i] = (float)random.NextDouble();
        for (int i = 0; i < Targets.Length; i++) Targets[i] = (float)random.NextDouble();
        Output = new float[generated.OutputCount];
    }

    /// <summary>The network compiled by NetGen, single-threaded (MaxDegreeOfParallelism = 1).</summary>
    public INetwork<float> Generated { get; }

    /// <summary>The runtime interpreter of the same spec.</summary>
    public ReferenceNetwork<float> Reference { get; }

    /// <summary>The hand-written TensorPrimitives baseline of the same spec.</summary>
    public TensorPrimitivesNetwork Baseline { get; }

    /// <summary><see cref="MaxBatch"/> rows of inputs.</summary>
    public float[] Inputs { get; }

    /// <summary><see cref="MaxBatch"/> rows of targets.</summary>
    public float[] Targets { get; }

    /// <summary>A buffer for one output row.</summary>
    public float[] Output { get; }

    /// <summary>The first <paramref name="rows"/> rows of inputs.</summary>
    public ReadOnlySpan<float> InputRows(int rows) => Inputs.AsSpan(0, rows * Generated.InputCount);

    /// <summary>The first <paramref name="rows"/> rows of targets.</summary>
    public ReadOnlySpan<float> TargetRows(int rows) => Targets.AsSpan(0, rows * Generated.OutputCount);

    /// <summary>The workload of the network named <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static Workload Create(string name) => new(name switch
    {
        "2-4-1" => new Net2_4_1 { MaxDegreeOfParallelism = 1 },
        "1-32-32-1" => new Net1_32_32_1 { MaxDegreeOfParallelism = 1 },
        "784-16-16-10" => new Net784_16_16_10 { MaxDegreeOfParallelism = 1 },
        "784-128-10" => new Net784_128_10 { MaxDegreeOfParallelism = 1 },
        _ => throw new ArgumentException($"Unknown network '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    });
}
