using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Hardening;

/// <summary>
/// The generated code's side of issue 9: every network the generator accepts runs (no stack overflow), NaN goes in and
/// comes out on every path alike, bad learning rates and concurrent training are refused instead of corrupting the
/// parameters, and cross-entropy's gradient is right for any targets.
/// </summary>
public sealed class GeneratedHardeningTests
{
    [Fact]
    public void A_million_neuron_layer_runs_every_member_on_a_small_stack_and_agrees_with_the_interpreter()
    {
        // 256 KB of stack: the buffers of one call (12 MB) could never fit; they come from the shared array pool now.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var generated = new MillionWide();
                var reference = new ReferenceNetwork<float>(MillionWide.Spec);
                generated.Parameters.CopyTo(reference.Parameters);
                float[] input = [0.75f], target = [0.25f];

                var output = new float[1];
                var expectedOutput = new float[1];
                generated.Forward(input, output);
                reference.Forward(input, expectedOutput);
                AgreementTests.AssertClose(expectedOutput, output, 1e-4f, 0.1f, "output");

                var gradient = new float[MillionWide.ParameterCount];
                var expectedGradient = new float[MillionWide.ParameterCount];
                float cost = generated.Backward(input, target, gradient);
                float expectedCost = reference.Backward(input, target, expectedGradient);
                AgreementTests.AssertClose([expectedCost], [cost], 1e-4f, 0.1f, "cost");
                AgreementTests.AssertClose(expectedGradient, gradient, 1e-4f, 0.1f, "gradient");

                float[] inputs = [0.5f, -0.25f, 1f], targets = [0.1f, 0.2f, 0.3f];
                float batch = generated.TrainBatch(inputs, targets, 0.01f);
                float expectedBatch = reference.TrainBatch(inputs, targets, 0.01f);
                AgreementTests.AssertClose([expectedBatch], [batch], 1e-4f, 0.1f, "batch cost");
                AgreementTests.AssertClose(reference.Parameters.ToArray(), generated.Parameters.ToArray(), 1e-4f, 0.1f, "parameters after a step");

                // Warm calls allocate nothing: the working memory is rented from the pool and given back.
                long before = GC.GetAllocatedBytesForCurrentThread();
                generated.Forward(input, output);
                generated.Backward(input, target, gradient);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.Equal(0, allocated);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    [Fact]
    public void NaN_in_gives_NaN_out_on_the_forward_backward_lane_and_loop_paths_alike()
    {
        // ReLU used to turn a NaN into 0 in Forward and Backward (z > 0 ? z : 0) while the lane path of TrainBatch kept it.
        AssertNaNEverywhere(new EveryActivationF(), lanes: 8);
        AssertNaNEverywhere(new WideReluSoftmaxF(), lanes: 1);
    }

    private static void AssertNaNEverywhere<T>(T network, int lanes) where T : INetwork<float>
    {
        var output = new float[network.OutputCount];
        float[] input = Enumerable.Repeat(0.5f, network.InputCount).ToArray();
        input[0] = float.NaN;
        network.Forward(input, output);
        Assert.All(output, o => Assert.True(float.IsNaN(o), $"Forward gave {o} for a NaN input"));

        float[] target = new float[network.OutputCount];
        target[0] = 1f;
        Assert.True(float.IsNaN(network.Backward(input, target, new float[network.ParameterCount])), "Backward's cost is not NaN");

        // TrainBatch runs the lane form for whole vectors of rows and the scalar form for the rest: both see the NaN row.
        int rows = 2 * lanes + 1;
        float[] inputs = Enumerable.Range(0, rows).SelectMany(_ => input).ToArray();
        float[] targets = Enumerable.Range(0, rows).SelectMany(_ => target).ToArray();
        Assert.True(float.IsNaN(network.TrainBatch(inputs, targets, 0.1f)), "TrainBatch's cost is not NaN");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-0.5f)]
    public void Step_and_TrainBatch_refuse_a_learning_rate_that_is_not_finite_and_non_negative_and_change_nothing(float rate)
    {
        var network = new EveryActivationF();
        float[] before = network.Parameters.ToArray();
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => network.Step(new float[EveryActivationF.ParameterCount], rate));
        Assert.Equal("learningRate", step.ParamName);
        Assert.Contains("expected a finite number ≥ 0", step.Message);
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainBatch(new float[2], new float[2], rate));
        Assert.Equal("learningRate", batch.ParamName);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_learning_rate_of_zero_is_a_step_that_changes_nothing()
    {
        var network = new EveryActivationF();
        float[] before = network.Parameters.ToArray();
        network.TrainBatch([0.1f, 0.2f], [0.3f, 0.4f], 0f);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public async Task TrainBatch_on_one_instance_from_two_threads_throws_instead_of_corrupting_the_parameters()
    {
        var network = new SlowToTrain();
        const int rows = 512;
        float[] inputs = Cases.Uniform<float>(new Random(1), rows * SlowToTrain.InputCount, 0.5);
        float[] targets = new float[rows * SlowToTrain.OutputCount];
        network.MaxDegreeOfParallelism = 1;
        using var started = new ManualResetEventSlim();
        // One thread trains batch after batch; the other steps the same instance meanwhile. Whichever thread arrives
        // second is refused — usually the stepping one, but the trainer may be refused when a step holds the network.
        InvalidOperationException? refusedTrainer = null;
        var first = Task.Run(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                started.Set();
                try
                {
                    network.TrainBatch(inputs, targets, 0.01f);
                }
                catch (InvalidOperationException e)
                {
                    refusedTrainer = e;
                }
            }
        }, TestContext.Current.CancellationToken);
        started.Wait(TestContext.Current.CancellationToken);
        InvalidOperationException? refused = null;
        while (refused is null && !first.IsCompleted)
        {
            try
            {
                network.Step(new float[SlowToTrain.ParameterCount], 0.01f);
            }
            catch (InvalidOperationException e)
            {
                refused = e;
            }
        }
        await first;
        refused ??= refusedTrainer;
        Assert.NotNull(refused);
        Assert.Contains("another thread was changing this network's parameters", refused.Message);
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void Forward_runs_on_several_threads_at_once_with_the_single_threaded_results()
    {
        var network = new MillionWide();
        float[] inputs = Enumerable.Range(0, 64).Select(i => i / 64f - 0.5f).ToArray();
        float[] expected = inputs.Select(x => { var o = new float[1]; network.Forward([x], o); return o[0]; }).ToArray();
        float[] actual = new float[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var o = new float[1];
            network.Forward([inputs[i]], o);
            actual[i] = o[0];
        });
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0.5, 0.2, 0.1)]    // sums to 0.8
    [InlineData(2.0, 0.0, 0.0)]    // a one-hot target scaled by 2
    [InlineData(0.3, 0.3, 0.9)]    // sums to 1.5
    public void Cross_entropy_gradient_matches_finite_differences_for_targets_that_do_not_sum_to_one(double y0, double y1, double y2)
    {
        // The collapsed a − y is the gradient only when Σy = 1; the generated code writes a·Σy − y, right for any targets.
        double[] target = [y0, y1, y2];
        var random = new Random(11);
        foreach (INetwork<double> network in new INetwork<double>[] { new CrossEntropyD(), new CrossEntropyWideD() })
        {
            Cases.Randomize(random, network);
            double[] input = Cases.Uniform<double>(random, network.InputCount, 1.0);
            double[] y = network.OutputCount == 3 ? target : Enumerable.Range(0, network.OutputCount).Select(j => target[j % 3]).ToArray();
            var gradient = new double[network.ParameterCount];
            network.Backward(input, y, gradient);
            double[] numerical = GradientChecker.NumericalGradient(network, input, y, 1e-4);
            for (int i = 0; i < gradient.Length; i++)
                Assert.True(GradientChecker.RelativeError(numerical[i], gradient[i], 1e-4) < 1e-6,
                    $"{network.Spec.ParameterName(i)}: analytic {gradient[i]:R}, numerical {numerical[i]:R}");
        }
    }

    [Fact]
    public void Cross_entropy_of_huge_float_logits_stays_finite()
    {
        // Logits of ±1e4: the cost is computed from the logits through a log-sum-exp, never from ln a of an underflowed a.
        var network = new WideReluSoftmaxF();
        network.Parameters.Clear();
        // Layer 2's biases are the logits (its weights are 0): [1e4, 0, -1e4, 50].
        int bias2 = WideReluSoftmaxF.ParameterCount - 4;
        network.Parameters[bias2] = 1e4f;
        network.Parameters[bias2 + 2] = -1e4f;
        network.Parameters[bias2 + 3] = 50f;
        var gradient = new float[WideReluSoftmaxF.ParameterCount];
        float cost = network.Backward(new float[20], [0f, 0f, 1f, 0f], gradient);
        Assert.Equal(2e4f, cost, 1e-3f);
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(1f, gradient[bias2], 1e-6f);      // a_0 − y_0 = 1 − 0
        Assert.Equal(-1f, gradient[bias2 + 2], 1e-6f); // a_2 − y_2 = 0 − 1
    }
}
