using System;
using System.Numerics;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Performance;

/// <summary>
/// TrainBatch's fast paths — the lane form (several examples per SIMD vector) and the multi-core split — against the
/// per-example path (Backward per row, then Step) and against <see cref="ReferenceNetwork{T}"/>.
/// </summary>
public sealed class BatchPathTests
{
    public static TheoryData<string> LaneNetworks => ["XorF", "TanhF", "ReluF", "SoftplusF", "SoftmaxCrossEntropyF", "SoftmaxSquaredErrorF", "Deep6F", "ChainF",
        // Layers too wide to write out (loops in the lane form): 32×32, 40×20 under Softmax with squared error.
        "OneWideOneF", "Wide32F", "WideSoftmaxSquaredErrorF",
        // Branching networks in the lane form.
        "SkipF", "TwoInputsF", "TwoOutputsF", "ResidualWideF", "OutputAlsoReadF"];

    public static TheoryData<string> LaneNetworksDouble => ["XorD", "TanhD", "LeakyD", "SoftmaxCrossEntropyD", "Deep6D", "Mixed5D", "OneWideOneD", "Wide32D", "WideMixedD", "WideSoftmaxSquaredErrorD",
        "SkipD", "TwoInputsD", "TwoOutputsD", "ReadByThreeD", "ConcatInputHiddenD", "ResidualWideD", "OutputAlsoReadD", "ReadTwiceD", "AddOfInputsD"];

    [Theory]
    [MemberData(nameof(LaneNetworks))]
    public void Lane_path_agrees_with_the_per_example_path_in_float(string name) =>
        LanesAgree(Cases.Single[name], 1e-5f, 0.1f);

    [Theory]
    [MemberData(nameof(LaneNetworksDouble))]
    public void Lane_path_agrees_with_the_per_example_path_in_double(string name) =>
        LanesAgree(Cases.Double[name], 1e-12, 1e-9);

    private static void LanesAgree<T>(Func<INetwork<T>> create, T tolerance, T floor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        INetwork<T> batched = create(), perExample = create();
        var reference = new ReferenceNetwork<T>(batched.Spec);
        var random = new Random(3);
        Cases.Randomize(random, batched, perExample, reference);
        // Enough rows for several full vectors and a scalar tail whatever Vector<T>.Count is.
        int rows = 5 * Vector<T>.Count + 3;
        T[] inputs = Cases.Uniform<T>(random, rows * batched.InputCount, 1.5);
        T[] targets = Cases.Targets<T>(batched.Spec, random, rows);
        T rate = T.CreateChecked(0.05);

        T batchCost = batched.TrainBatch(inputs, targets, rate);

        // The per-example path: Backward row by row, the mean gradient, one Step.
        var gradient = new T[perExample.ParameterCount];
        T cost = T.Zero;
        for (int r = 0; r < rows; r++)
            cost += perExample.Backward(inputs.AsSpan(r * batched.InputCount, batched.InputCount), targets.AsSpan(r * batched.OutputCount, batched.OutputCount), gradient);
        for (int i = 0; i < gradient.Length; i++) gradient[i] /= T.CreateChecked(rows);
        perExample.Step(gradient, rate);

        T referenceCost = reference.TrainBatch(inputs, targets, rate);

        AgreementTests.AssertClose([cost / T.CreateChecked(rows)], [batchCost], tolerance, floor, "mean cost");
        AgreementTests.AssertClose([referenceCost], [batchCost], tolerance, floor, "mean cost vs reference");
        AgreementTests.AssertClose(perExample.Parameters.ToArray(), batched.Parameters.ToArray(), tolerance, floor, "parameters", batched.Spec);
        AgreementTests.AssertClose(reference.Parameters.ToArray(), batched.Parameters.ToArray(), tolerance, floor, "parameters vs reference", batched.Spec);
    }

    [Fact]
    public void Multi_core_split_agrees_with_one_core_and_the_interpreter()
    {
        var oneCore = new Wide32F { MaxDegreeOfParallelism = 1 };
        var twoCores = new Wide32F { MaxDegreeOfParallelism = 2 };
        var reference = new ReferenceNetwork<float>(Wide32F.Spec);
        var random = new Random(11);
        Cases.Randomize(random, oneCore, twoCores, reference);
        int rows = Wide32F.ParallelBatchThreshold + 17;
        float[] inputs = Cases.Uniform<float>(random, rows * Wide32F.InputCount, 1.5);
        float[] targets = Cases.Targets<float>(Wide32F.Spec, random, rows);

        for (int step = 0; step < 3; step++)
        {
            float a = oneCore.TrainBatch(inputs, targets, 0.1f);
            float b = twoCores.TrainBatch(inputs, targets, 0.1f);
            float c = reference.TrainBatch(inputs, targets, 0.1f);
            AgreementTests.AssertClose([a], [b], 1e-5f, 0.1f, "mean cost, 2 cores vs 1");
            AgreementTests.AssertClose([c], [b], 1e-5f, 0.1f, "mean cost, 2 cores vs reference");
        }
        AgreementTests.AssertClose(oneCore.Parameters.ToArray(), twoCores.Parameters.ToArray(), 1e-5f, 0.1f, "parameters, 2 cores vs 1", Wide32F.Spec);
        AgreementTests.AssertClose(reference.Parameters.ToArray(), twoCores.Parameters.ToArray(), 1e-5f, 0.1f, "parameters, 2 cores vs reference", Wide32F.Spec);
    }

    [Fact]
    public void Multi_core_split_of_a_lane_network_agrees_in_double()
    {
        var oneCore = new XorD { MaxDegreeOfParallelism = 1 };
        var twoCores = new XorD { MaxDegreeOfParallelism = 2 };
        var random = new Random(5);
        Cases.Randomize(random, oneCore, twoCores);
        int rows = XorD.ParallelBatchThreshold + 3;
        double[] inputs = Cases.Uniform<double>(random, rows * XorD.InputCount, 1.5);
        double[] targets = Cases.Targets<double>(XorD.Spec, random, rows);
        double a = oneCore.TrainBatch(inputs, targets, 0.5);
        double b = twoCores.TrainBatch(inputs, targets, 0.5);
        AgreementTests.AssertClose([a], [b], 1e-12, 1e-9, "mean cost");
        AgreementTests.AssertClose(oneCore.Parameters.ToArray(), twoCores.Parameters.ToArray(), 1e-12, 1e-9, "parameters", XorD.Spec);
    }

    [Fact]
    public void Parallel_threshold_keeps_small_batches_on_one_thread()
    {
        Assert.Equal(1, ParallelBatch.Workers(31, 32, 8));
        Assert.Equal(1, ParallelBatch.Workers(1000, 32, 1));
        Assert.Equal(Math.Min(2, Environment.ProcessorCount), ParallelBatch.Workers(1000, 32, 2));
        // The threshold is about 10⁶ multiply-adds of work: more rows for a smaller network.
        Assert.True(XorF.ParallelBatchThreshold > Wide32F.ParallelBatchThreshold);
        Assert.Equal((1_000_000 + XorF.ParameterCount - 1) / XorF.ParameterCount, XorF.ParallelBatchThreshold);
    }
}
