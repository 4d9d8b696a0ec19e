using System;
using System.Globalization;
using System.Numerics;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// One optimizer configuration in plain doubles: creates NetGen's optimizer for float or double, and tells
/// <see cref="ReferenceOptimizer"/> what to compute. <see cref="RoundedToFloat"/> gives the hyperparameters a float
/// optimizer actually holds (0.999f is not 0.999), so that a float run is compared with the reference of its own
/// settings.
/// </summary>
public sealed record OptimizerSettings(
    string Algorithm,
    double LearningRate,
    double Momentum = 0,
    double Dampening = 0,
    bool Nesterov = false,
    double WeightDecay = 0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    bool AmsGrad = false,
    double Alpha = 0.99,
    bool Centered = false)
{
    public IOptimizerState<T> Create<T>(int parameterCount) where T : unmanaged, IFloatingPointIeee754<T> => Algorithm switch
    {
        "SGD" => new Sgd<T>(parameterCount)
        {
            LearningRate = T.CreateTruncating(LearningRate),
            Momentum = T.CreateTruncating(Momentum),
            Dampening = T.CreateTruncating(Dampening),
            Nesterov = Nesterov,
            WeightDecay = T.CreateTruncating(WeightDecay),
        },
        "Adam" => new Adam<T>(parameterCount)
        {
            LearningRate = T.CreateTruncating(LearningRate),
            Beta1 = T.CreateTruncating(Beta1),
            Beta2 = T.CreateTruncating(Beta2),
            Epsilon = T.CreateTruncating(Epsilon),
            WeightDecay = T.CreateTruncating(WeightDecay),
            AmsGrad = AmsGrad,
        },
        "AdamW" => new AdamW<T>(parameterCount)
        {
            LearningRate = T.CreateTruncating(LearningRate),
            Beta1 = T.CreateTruncating(Beta1),
            Beta2 = T.CreateTruncating(Beta2),
            Epsilon = T.CreateTruncating(Epsilon),
            WeightDecay = T.CreateTruncating(WeightDecay),
            AmsGrad = AmsGrad,
        },
        "RMSprop" => new RmsProp<T>(parameterCount)
        {
            LearningRate = T.CreateTruncating(LearningRate),
            Alpha = T.CreateTruncating(Alpha),
            Epsilon = T.CreateTruncating(Epsilon),
            Momentum = T.CreateTruncating(Momentum),
            Centered = Centered,
            WeightDecay = T.CreateTruncating(WeightDecay),
        },
        _ => throw new ArgumentException($"Unknown algorithm '{Algorithm}'.", nameof(Algorithm)),
    };

    /// <summary>The same settings with every number rounded to float, as a float optimizer holds them.</summary>
    public OptimizerSettings RoundedToFloat() => this with
    {
        LearningRate = (float)LearningRate,
        Momentum = (float)Momentum,
        Dampening = (float)Dampening,
        WeightDecay = (float)WeightDecay,
        Beta1 = (float)Beta1,
        Beta2 = (float)Beta2,
        Epsilon = (float)Epsilon,
        Alpha = (float)Alpha,
    };

    /// <summary>A short name for test output: the algorithm and every setting that is not its default.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(Algorithm);
        void Add(string name, object value) => text.Append(CultureInfo.InvariantCulture, $" {name}={value}");
        Add("lr", LearningRate);
        if (Momentum != 0) Add("momentum", Momentum);
        if (Dampening != 0) Add("dampening", Dampening);
        if (Nesterov) text.Append(" nesterov");
        if (WeightDecay != 0) Add("weight_decay", WeightDecay);
        if (AmsGrad) text.Append(" amsgrad");
        if (Centered) text.Append(" centered");
        return text.ToString();
    }
}
