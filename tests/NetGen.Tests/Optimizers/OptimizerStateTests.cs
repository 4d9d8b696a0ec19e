using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// The optimizer side of checkpoints: the state vectors named as in PyTorch's state_dict, the step count, the
/// hyperparameters, and <see cref="IOptimizerState{T}.Restore"/>, after which training continues bit for bit as if it
/// had never stopped.
/// </summary>
public sealed class OptimizerStateTests
{
    public static TheoryData<string, string[]> StateNamesBySettings => new()
    {
        { "SGD", [] },
        { "SGD weight decay", [] },
        { "SGD momentum", ["momentum_buffer"] },
        { "SGD nesterov", ["momentum_buffer"] },
        { "Adam", ["exp_avg", "exp_avg_sq"] },
        { "Adam amsgrad", ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] },
        { "AdamW", ["exp_avg", "exp_avg_sq"] },
        { "AdamW amsgrad", ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] },
        { "RMSprop", ["square_avg"] },
        { "RMSprop momentum", ["square_avg", "momentum_buffer"] },
        { "RMSprop centered", ["square_avg", "grad_avg"] },
        { "RMSprop centered momentum", ["square_avg", "momentum_buffer", "grad_avg"] },
    };

    [Theory]
    [MemberData(nameof(StateNamesBySettings))]
    public void State_names_are_PyTorchs_for_the_settings(string name, string[] expected)
    {
        IOptimizerState<float> optimizer = OptimizerCases.Get(name).Create<float>(5);
        Assert.Equal(expected, optimizer.StateNames);
        Assert.Equal(0, optimizer.StepCount);
        foreach (string state in expected)
        {
            Assert.Equal(5, optimizer.GetState(state).Length);
            Assert.All(optimizer.GetState(state).ToArray(), x => Assert.Equal(0f, x));
        }
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => optimizer.GetState("no_such_state")).ParamName);
    }

    [Fact]
    public void Algorithm_and_hyperparameters_use_PyTorchs_names()
    {
        var sgd = new Sgd<double>(1) { LearningRate = 0.1, Momentum = 0.9, Dampening = 0.25, WeightDecay = 1e-4 };
        Assert.Equal("SGD", sgd.Algorithm);
        Assert.Equal([new("lr", 0.1), new("momentum", 0.9), new("dampening", 0.25), new("weight_decay", 1e-4), new("nesterov", 0.0)], sgd.Hyperparameters);
        var adam = new Adam<double>(1) { AmsGrad = true };
        Assert.Equal("Adam", adam.Algorithm);
        Assert.Equal([new("lr", 1e-3), new("beta1", 0.9), new("beta2", 0.999), new("eps", 1e-8), new("weight_decay", 0.0), new("amsgrad", 1.0)], adam.Hyperparameters);
        Assert.Equal("AdamW", new AdamW<double>(1).Algorithm);
        Assert.Equal(0.01, new AdamW<double>(1).Hyperparameters.Single(p => p.Key == "weight_decay").Value);
        var rms = new RmsProp<float>(1) { Centered = true };
        Assert.Equal("RMSprop", rms.Algorithm);
        Assert.Equal(["lr", "alpha", "eps", "momentum", "centered", "weight_decay"], rms.Hyperparameters.Select(p => p.Key));
        Assert.Equal(1.0, rms.Hyperparameters.Single(p => p.Key == "centered").Value);
        Assert.Equal((double)0.99f, rms.Hyperparameters.Single(p => p.Key == "alpha").Value);
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void Restoring_the_state_into_a_new_optimizer_resumes_bit_for_bit(string name)
    {
        OptimizerSettings settings = OptimizerCases.Get(name);
        float[] theta0 = [.. OptimizerCases.InitialParameters().Select(x => (float)x)];
        float[][] gradients = [.. OptimizerCases.Gradients().Select(g => g.Select(x => (float)x).ToArray())];

        // Uninterrupted: 20 steps.
        IOptimizerState<float> straight = settings.Create<float>(theta0.Length);
        float[] straightTheta = (float[])theta0.Clone();
        foreach (float[] g in gradients) straight.Step(straightTheta, g);

        // Interrupted after 9 steps: the step count and the state vectors saved, a new optimizer restored from them.
        IOptimizerState<float> first = settings.Create<float>(theta0.Length);
        float[] theta = (float[])theta0.Clone();
        for (int t = 0; t < 9; t++) first.Step(theta, gradients[t]);
        long savedStep = first.StepCount;
        Dictionary<string, ReadOnlyMemory<float>> saved = first.StateNames.ToDictionary(n => n, n => (ReadOnlyMemory<float>)first.GetState(n).ToArray());

        IOptimizerState<float> resumed = settings.Create<float>(theta0.Length);
        resumed.Restore(savedStep, saved);
        Assert.Equal(9, resumed.StepCount);
        for (int t = 9; t < gradients.Length; t++) resumed.Step(theta, gradients[t]);

        Assert.Equal(straightTheta, theta);
        Assert.Equal(20, resumed.StepCount);
        foreach (string state in straight.StateNames)
            Assert.Equal(straight.GetState(state).ToArray(), resumed.GetState(state).ToArray());
    }

    [Fact]
    public void Restore_checks_everything_before_changing_anything()
    {
        var adam = new Adam<double>(3) { AmsGrad = true };
        double[] theta = [1, 2, 3];
        adam.Step(theta, [0.5, -0.5, 1]);
        double[] m = adam.GetState("exp_avg").ToArray();
        ReadOnlyMemory<double> three = new double[] { 7, 7, 7 };
        var good = new Dictionary<string, ReadOnlyMemory<double>> { ["exp_avg"] = three, ["exp_avg_sq"] = three, ["max_exp_avg_sq"] = three };

        Assert.Equal("stepCount", Assert.Throws<ArgumentOutOfRangeException>(() => adam.Restore(-1, good)).ParamName);
        var missing = new Dictionary<string, ReadOnlyMemory<double>>(good);
        missing.Remove("max_exp_avg_sq");
        Assert.Contains("max_exp_avg_sq", Assert.Throws<ArgumentException>(() => adam.Restore(5, missing)).Message, StringComparison.Ordinal);
        var unknown = new Dictionary<string, ReadOnlyMemory<double>>(good) { ["momentum_buffer"] = three };
        Assert.Contains("momentum_buffer", Assert.Throws<ArgumentException>(() => adam.Restore(5, unknown)).Message, StringComparison.Ordinal);
        var wrongLength = new Dictionary<string, ReadOnlyMemory<double>>(good) { ["exp_avg_sq"] = new double[] { 1, 2 } };
        Assert.Contains("exp_avg_sq", Assert.Throws<ArgumentException>(() => adam.Restore(5, wrongLength)).Message, StringComparison.Ordinal);

        Assert.Equal(1, adam.StepCount);
        Assert.Equal(m, adam.GetState("exp_avg").ToArray());

        adam.Restore(5, good);
        Assert.Equal(5, adam.StepCount);
        Assert.Equal([7.0, 7, 7], adam.GetState("max_exp_avg_sq").ToArray());
    }

    [Fact]
    public void Sgd_momentum_restored_at_step_0_starts_its_buffer_from_the_gradient_again()
    {
        // StepCount 0 means "no buffer yet", as PyTorch's missing momentum_buffer: the next step sets b = g whatever
        // the restored vector holds.
        var sgd = new Sgd<double>(2) { LearningRate = 0.1, Momentum = 0.9 };
        sgd.Restore(0, new Dictionary<string, ReadOnlyMemory<double>> { ["momentum_buffer"] = new double[] { double.NaN, 5 } });
        double[] theta = [1, 1];
        sgd.Step(theta, [0.5, -0.5]);
        Assert.Equal([1 - 0.1 * 0.5, 1 + 0.1 * 0.5], theta);
        Assert.Equal([0.5, -0.5], sgd.GetState("momentum_buffer").ToArray());
    }
}
