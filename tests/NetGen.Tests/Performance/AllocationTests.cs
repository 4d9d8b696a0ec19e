using System;
using Xunit;

namespace NetGen.Tests.Performance;

/// <summary>
/// After warm-up, Forward, Backward, Step and TrainBatch of a generated network allocate nothing on the managed heap:
/// the bytes allocated by the calling thread (GC.GetAllocatedBytesForCurrentThread) do not move over many calls.
/// Single-threaded (MaxDegreeOfParallelism = 1), where a call runs entirely on the calling thread; for a small network
/// whose TrainBatch runs in SIMD lanes and a wide one that runs SIMD loops.
/// </summary>
public sealed class AllocationTests
{
    private const int Calls = 200;

    public static TheoryData<string> Networks => [nameof(Perf2_4_1), nameof(Perf784_16_16_10)];

    private static INetwork<float> Create(string name) => name switch
    {
        nameof(Perf2_4_1) => new Perf2_4_1 { MaxDegreeOfParallelism = 1 },
        nameof(Perf784_16_16_10) => new Perf784_16_16_10 { MaxDegreeOfParallelism = 1 },
        _ => throw new ArgumentException(name, nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Warm_TrainBatch_of_32_rows_allocates_nothing(string name)
    {
        INetwork<float> network = Create(name);
        (float[] inputs, float[] targets) = Batch(network, 32);
        Assert.Equal(0, AllocatedBytes(() => network.TrainBatch(inputs, targets, 0.01f)));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Warm_TrainBatch_of_one_row_allocates_nothing(string name)
    {
        INetwork<float> network = Create(name);
        (float[] inputs, float[] targets) = Batch(network, 1);
        Assert.Equal(0, AllocatedBytes(() => network.TrainBatch(inputs, targets, 0.01f)));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Warm_Forward_Backward_and_Step_allocate_nothing(string name)
    {
        INetwork<float> network = Create(name);
        (float[] input, float[] target) = Batch(network, 1);
        var output = new float[network.OutputCount];
        var gradient = new float[network.ParameterCount];
        Assert.Equal(0, AllocatedBytes(() => network.Forward(input, output)));
        Assert.Equal(0, AllocatedBytes(() => network.Backward(input, target, gradient)));
        Assert.Equal(0, AllocatedBytes(() => network.Step(gradient, 1e-6f)));
    }

    [Fact]
    public void The_measurement_sees_an_allocation()
    {
        // The control: a call that allocates one 1,000-float array per call is measured as such.
        long bytes = AllocatedBytes(() => GC.KeepAlive(new float[1000]));
        Assert.True(bytes >= Calls * 4000L, $"{bytes} bytes measured for {Calls} arrays of 4,000 bytes.");
    }

    /// <summary>The bytes this thread allocates over <see cref="Calls"/> calls of <paramref name="call"/>, after as many to warm up
    /// (scratch buffers created on first use, static constructors, the JIT's first compilations).</summary>
    private static long AllocatedBytes(Action call)
    {
        for (int i = 0; i < Calls; i++) call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static (float[] Inputs, float[] Targets) Batch(INetwork<float> network, int rows)
    {
        var random = new Random(5);
        var inputs = new float[rows * network.InputCount];
        var targets = new float[rows * network.OutputCount];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextDouble();
        return (inputs, targets);
    }
}
