using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Invalid settings are refused as PyTorch refuses them, with an <see cref="ArgumentOutOfRangeException"/> whose
/// ParamName is the setting; spans of the wrong length are an <see cref="ArgumentException"/> before anything changes.
/// </summary>
public sealed class OptimizerValidationTests
{
    public static TheoryData<string, string> BadSettings => new()
    {
        { "LearningRate", "SGD lr -0.1" },
        { "LearningRate", "SGD lr NaN" },
        { "LearningRate", "Adam lr +inf" },
        { "LearningRate", "AdamW lr -1" },
        { "LearningRate", "RMSprop lr NaN" },
        { "Momentum", "SGD momentum -0.5" },
        { "Momentum", "SGD momentum +inf" },
        { "Momentum", "RMSprop momentum -0.1" },
        { "Dampening", "SGD dampening NaN" },
        { "WeightDecay", "SGD weight_decay -0.01" },
        { "WeightDecay", "Adam weight_decay -0.01" },
        { "WeightDecay", "AdamW weight_decay NaN" },
        { "WeightDecay", "RMSprop weight_decay -1" },
        { "Beta1", "Adam beta1 1" },
        { "Beta1", "Adam beta1 -0.1" },
        { "Beta2", "Adam beta2 1" },
        { "Beta2", "AdamW beta2 1.5" },
        { "Beta1", "AdamW beta1 NaN" },
        { "Epsilon", "Adam eps 0" },
        { "Epsilon", "AdamW eps -1e-8" },
        { "Epsilon", "RMSprop eps 0" },
        { "Epsilon", "RMSprop eps +inf" },
        { "Alpha", "RMSprop alpha -0.5" },
        { "Alpha", "RMSprop alpha 1.5" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_refused_at_construction_naming_it(string setting, string description)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(description));
        Assert.Equal(setting, error.ParamName);
    }

    [Theory]
    [InlineData("SGD")]
    [InlineData("Adam")]
    [InlineData("AdamW")]
    [InlineData("RMSprop")]
    public void Setting_a_bad_learning_rate_later_is_refused_and_keeps_the_old_one(string algorithm)
    {
        IOptimizer<float> optimizer = new OptimizerSettings(algorithm, 0.5).Create<float>(3);
        foreach (float bad in new[] { -1e-3f, float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = bad);
            Assert.Equal("LearningRate", error.ParamName);
            Assert.Equal(0.5f, optimizer.LearningRate);
        }
        optimizer.LearningRate = 0; // 0 is allowed, as in PyTorch
        Assert.Equal(0f, optimizer.LearningRate);
    }

    [Theory]
    [InlineData(0, 0, "momentum 0")]
    [InlineData(0.9, 0.1, "dampening 0.1")]
    public void Nesterov_without_momentum_or_with_dampening_is_refused_before_the_first_step_changes_anything(double momentum, double dampening, string _)
    {
        var sgd = new Sgd<double>(2) { Nesterov = true, Momentum = momentum, Dampening = dampening };
        double[] theta = [1, 2];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Step(theta, [0.5, 0.5]));
        Assert.Equal("Nesterov", error.ParamName);
        Assert.Equal([1.0, 2.0], theta);
        Assert.Equal(0, sgd.StepCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.StateNames);
    }

    [Fact]
    public void Nesterov_accepts_its_settings_in_any_order()
    {
        // The object initializer sets Nesterov before Momentum: the rule between them is checked once both are set.
        var sgd = new Sgd<double>(1) { Nesterov = true, Momentum = 0.9 };
        double[] theta = [1];
        sgd.Step(theta, [1]);
        Assert.Equal(1 - 0.001 * (1 + 0.9 * 1), theta[0], 15);
    }

    [Fact]
    public void A_parameter_count_below_1_is_refused()
    {
        Assert.Equal("parameterCount", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(0)).ParamName);
        Assert.Equal("parameterCount", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(-1)).ParamName);
        Assert.Equal("parameterCount", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW<double>(0)).ParamName);
        Assert.Equal("parameterCount", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp<double>(0)).ParamName);
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void Spans_of_the_wrong_length_are_refused_before_anything_changes(string name)
    {
        OptimizerSettings settings = OptimizerCases.Get(name);
        IOptimizerState<double> optimizer = settings.Create<double>(4);
        double[] theta = [1, 2, 3, 4];
        optimizer.Step(theta, [0.1, 0.2, 0.3, 0.4]); // one step, so that the state is not all zeros
        double[] before = (double[])theta.Clone();
        var stateBefore = Snapshot(optimizer);

        var shortParameters = new double[3];
        var error = Assert.Throws<ArgumentException>(() => optimizer.Step(shortParameters, [0.1, 0.2, 0.3, 0.4]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Equal(new double[3], shortParameters);
        error = Assert.Throws<ArgumentException>(() => optimizer.Step(theta, [0.1, 0.2, 0.3, 0.4, 0.5]));
        Assert.Equal("gradient", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => optimizer.Step(theta, []));
        Assert.Equal("gradient", error.ParamName);

        Assert.Equal(before, theta);
        Assert.Equal(1, optimizer.StepCount);
        Assert.Equal(stateBefore, Snapshot(optimizer));
    }

    [Fact]
    public void The_defaults_are_PyTorchs()
    {
        var sgd = new Sgd<double>(1);
        Assert.Equal((1e-3, 0.0, 0.0, false, 0.0), (sgd.LearningRate, sgd.Momentum, sgd.Dampening, sgd.Nesterov, sgd.WeightDecay));
        var adam = new Adam<double>(1);
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.AmsGrad));
        var adamW = new AdamW<double>(1);
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.01, false), (adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay, adamW.AmsGrad));
        var rms = new RmsProp<double>(1);
        Assert.Equal((1e-2, 0.99, 1e-8, 0.0, false, 0.0), (rms.LearningRate, rms.Alpha, rms.Epsilon, rms.Momentum, rms.Centered, rms.WeightDecay));
        var adamFloat = new Adam<float>(1);
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-8f), (adamFloat.LearningRate, adamFloat.Beta1, adamFloat.Beta2, adamFloat.Epsilon));
    }

    private static string Snapshot(IOptimizerState<double> optimizer) =>
        string.Join(";", optimizer.StateNames.Select(name => $"{name}={string.Join(",", optimizer.GetState(name).ToArray())}"));

    private static object Create(string description)
    {
        string[] words = description.Split(' ');
        string algorithm = words[0], setting = words[1];
        double value = double.Parse(words[2].Replace("+inf", "Infinity", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        OptimizerSettings settings = new(algorithm, 0.01);
        settings = setting switch
        {
            "lr" => settings with { LearningRate = value },
            "momentum" => settings with { Momentum = value },
            "dampening" => settings with { Dampening = value },
            "weight_decay" => settings with { WeightDecay = value },
            "beta1" => settings with { Beta1 = value },
            "beta2" => settings with { Beta2 = value },
            "eps" => settings with { Epsilon = value },
            "alpha" => settings with { Alpha = value },
            _ => throw new ArgumentException(description, nameof(description)),
        };
        return settings.Create<double>(3);
    }
}
