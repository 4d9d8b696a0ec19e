using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace NetGen.Tests.Runtime;

/// <summary>
/// What <see cref="ReferenceNetwork{T}"/> documents about threads: separate instances are independent, and a call on an
/// instance that is already computing on another thread is refused instead of corrupting it.
/// </summary>
public sealed class ThreadSafetyTests
{
    private static readonly NetworkSpec Spec = NetworkSpec.Sequential(6, Loss.CrossEntropy, Precision.Single,
        (12, Activation.Tanh), (8, Activation.ReLU), (4, Activation.Softmax));

    private static (float[] Inputs, float[] Targets) Batch(int seed, int rows)
    {
        var random = new Random(seed);
        var inputs = new float[rows * Spec.InputCount];
        var targets = new float[rows * Spec.OutputCount];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(2 * random.NextDouble() - 1);
        for (int r = 0; r < rows; r++) targets[r * Spec.OutputCount + random.Next(Spec.OutputCount)] = 1f;
        return (inputs, targets);
    }

    /// <summary>Trains a fresh network: <paramref name="steps"/> batches, returning every cost and the final parameters.</summary>
    private static (float[] Costs, float[] Parameters) Train(int seed, int steps)
    {
        var network = new ReferenceNetwork<float>(Spec, seed);
        var costs = new float[steps];
        for (int s = 0; s < steps; s++)
        {
            (float[] inputs, float[] targets) = Batch(seed * 1000 + s, 16);
            costs[s] = network.TrainBatch(inputs, targets, 0.3f);
        }
        return (costs, network.Parameters.ToArray());
    }

    [Fact]
    public void Two_threads_training_their_own_instances_get_exactly_the_single_threaded_results()
    {
        const int steps = 300;
        (float[] Costs, float[] Parameters) aloneA = Train(1, steps), aloneB = Train(2, steps);

        using var start = new Barrier(2);
        (float[] Costs, float[] Parameters) together1 = default, together2 = default;
        var first = new Thread(() => { start.SignalAndWait(); together1 = Train(1, steps); });
        var second = new Thread(() => { start.SignalAndWait(); together2 = Train(2, steps); });
        first.Start();
        second.Start();
        first.Join();
        second.Join();

        Assert.Equal(aloneA.Costs, together1.Costs);
        Assert.Equal(aloneA.Parameters, together1.Parameters);
        Assert.Equal(aloneB.Costs, together2.Costs);
        Assert.Equal(aloneB.Parameters, together2.Parameters);
        Assert.NotEqual(aloneA.Parameters, aloneB.Parameters);
    }

    [Fact]
    public void A_call_on_an_instance_busy_on_another_thread_throws_and_the_busy_call_is_not_disturbed()
    {
        // One thread trains; another keeps calling Forward and Backward on the same instance while it does. Every call
        // that overlaps a training step must be refused before it touches the scratch memory, so the training run
        // still gives exactly the single-threaded costs and parameters; a training step that finds the intruder inside is
        // refused the same way and taken again. Training goes on until some call was refused
        // (on two cores that is within the first steps), then the same number of steps is run alone.
        var shared = new ReferenceNetwork<float>(Spec, 3);
        (float[] inputs, float[] targets) = Batch(7, 256);
        int refused = 0;
        string? message = null;
        using var running = new ManualResetEventSlim();
        using var done = new CancellationTokenSource();
        var intruder = new Thread(() =>
        {
            var output = new float[Spec.OutputCount];
            var gradient = new float[Spec.ParameterCount];
            (float[] input, float[] target) = Batch(99, 1);
            running.Set();
            for (int call = 0; !done.IsCancellationRequested; call++)
            {
                try
                {
                    if (call % 2 == 0) shared.Forward(input, output);
                    else shared.Backward(input, target, gradient);
                }
                catch (InvalidOperationException e)
                {
                    Volatile.Write(ref message, e.Message);
                    Interlocked.Increment(ref refused);
                }
            }
        });
        intruder.Start();
        var costs = new List<float>();
        try
        {
            running.Wait(TestContext.Current.CancellationToken);
            var clock = Stopwatch.StartNew();
            while (costs.Count < 50 || (Volatile.Read(ref refused) == 0 && clock.Elapsed < TimeSpan.FromSeconds(60)))
            {
                // A refused step changed nothing: it is simply taken again.
                try
                {
                    costs.Add(shared.TrainBatch(inputs, targets, 0.1f));
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }
        finally
        {
            done.Cancel();
            intruder.Join();
        }

        var alone = new ReferenceNetwork<float>(Spec, 3);
        var aloneCosts = new List<float>();
        for (int s = 0; s < costs.Count; s++) aloneCosts.Add(alone.TrainBatch(inputs, targets, 0.1f));
        Assert.True(refused > 0, $"no call overlapped any of {costs.Count} training steps");
        Assert.StartsWith("This ReferenceNetwork<Single> is already computing on another thread; expected one call at a time per instance", message, StringComparison.Ordinal);
        Assert.Equal(aloneCosts, costs);
        Assert.Equal(alone.Parameters.ToArray(), shared.Parameters.ToArray());
    }
}
