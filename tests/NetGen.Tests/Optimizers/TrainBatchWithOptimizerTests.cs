using System;
using System.Linq;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// <see cref="INetwork{T}.TrainBatch(ReadOnlySpan{T}, ReadOnlySpan{T}, IOptimizer{T})"/>, the default method every
/// network has: the mean gradient of the batch, then optimizer.Step(Parameters, gradient), returning the mean cost.
/// </summary>
public sealed class TrainBatchWithOptimizerTests
{
    private static readonly NetworkSpec Spec = NetworkSpec.Sequential(3, Loss.SquaredError, Precision.Double, (4, Activation.Tanh), (2, Activation.Sigmoid));

    private static (double[] Inputs, double[] Targets) Batch(int rows)
    {
        var random = new Random(4);
        return ([.. Enumerable.Range(0, rows * 3).Select(_ => random.NextDouble() * 2 - 1)],
                [.. Enumerable.Range(0, rows * 2).Select(_ => random.NextDouble())]);
    }

    [Fact]
    public void It_steps_the_optimizer_with_the_mean_gradient_and_returns_the_mean_cost()
    {
        INetwork<double> network = new ReferenceNetwork<double>(Spec);
        INetwork<double> copy = new ReferenceNetwork<double>(Spec);
        (double[] inputs, double[] targets) = Batch(5);
        var optimizer = new Adam<double>(network.ParameterCount) { LearningRate = 0.01 };
        var expectedOptimizer = new Adam<double>(network.ParameterCount) { LearningRate = 0.01 };

        for (int call = 0; call < 3; call++)
        {
            double cost = network.TrainBatch(inputs, targets, optimizer);

            // By hand: Σ of the rows' gradients / 5, one Adam step, Σ of the costs / 5.
            var gradient = new double[copy.ParameterCount];
            double total = 0;
            for (int r = 0; r < 5; r++) total += copy.Backward(inputs.AsSpan(r * 3, 3), targets.AsSpan(r * 2, 2), gradient);
            for (int i = 0; i < gradient.Length; i++) gradient[i] /= 5;
            expectedOptimizer.Step(copy.Parameters, gradient);

            Assert.Equal(total / 5, cost);
            Assert.Equal(copy.Parameters.ToArray(), network.Parameters.ToArray());
        }
        Assert.Equal(3, optimizer.StepCount);
    }

    [Fact]
    public void With_plain_Sgd_it_is_the_learning_rate_overload_bit_for_bit()
    {
        INetwork<double> withOptimizer = new ReferenceNetwork<double>(Spec);
        INetwork<double> withRate = new ReferenceNetwork<double>(Spec);
        (double[] inputs, double[] targets) = Batch(7);
        var sgd = new Sgd<double>(withOptimizer.ParameterCount) { LearningRate = 0.5 };
        for (int call = 0; call < 4; call++)
        {
            Assert.Equal(withRate.TrainBatch(inputs, targets, 0.5), withOptimizer.TrainBatch(inputs, targets, sgd));
            Assert.Equal(withRate.Parameters.ToArray(), withOptimizer.Parameters.ToArray());
        }
    }

    [Fact]
    public void A_generated_network_trains_XOR_with_Adam()
    {
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        INetwork<float> network = new XorF();
        var adam = new Adam<float>(network.ParameterCount) { LearningRate = 0.05f };
        float first = network.TrainBatch(inputs, targets, adam), cost = first;
        for (int epoch = 1; epoch < 2000 && cost >= 0.01f; epoch++) cost = network.TrainBatch(inputs, targets, adam);
        Assert.True(cost < 0.01f, $"mean cost {first} → {cost}");
    }

    [Fact]
    public void Wrong_spans_or_an_optimizer_of_another_size_are_refused_before_anything_changes()
    {
        INetwork<double> network = new ReferenceNetwork<double>(Spec);
        double[] before = network.Parameters.ToArray();
        (double[] inputs, double[] targets) = Batch(2);
        var adam = new Adam<double>(network.ParameterCount);

        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.TrainBatch(inputs.AsSpan(0, 5), targets, adam)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => network.TrainBatch(inputs, targets.AsSpan(0, 3), adam)).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentException>(() => network.TrainBatch(inputs, targets, new Adam<double>(network.ParameterCount + 1))).ParamName);
        // An optimizer that does not say its size is refused by its own Step, also before anything changes.
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => network.TrainBatch(inputs, targets, new SizeOnlyInStep(network.ParameterCount + 1))).ParamName);
        Assert.Throws<ArgumentNullException>(() => network.TrainBatch(inputs, targets, (IOptimizer<double>)null!));

        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, adam.StepCount);
    }

    /// <summary>An optimizer of the user's own, implementing only IOptimizer: plain SGD over a fixed number of parameters.</summary>
    private sealed class SizeOnlyInStep(int parameterCount) : IOptimizer<double>
    {
        public double LearningRate { get; set; } = 0.1;

        public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
        {
            NetworkGuard.CheckLength(parameters.Length, parameterCount, nameof(parameters));
            for (int i = 0; i < parameters.Length; i++) parameters[i] -= LearningRate * gradient[i];
        }
    }
}
