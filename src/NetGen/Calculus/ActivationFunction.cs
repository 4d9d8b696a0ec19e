using System;
using NetGen.Calculus.Activations;

namespace NetGen.Calculus;

/// <summary>
/// Everything the runtime knows about one activation σ, in one place: its value and derivative (in double), the text
/// the explanations write for σ'(z), the family of initial weights that suits it, and what the gradient-health report
/// counts for it (dead or saturated units). One subclass per <see cref="Activation"/>, in <c>Calculus/Activations</c>;
/// <see cref="Of(Activation, double)"/> is the only switch over the enum, so a new activation is one new file and one line
/// there.
/// </summary>
/// <remarks>
/// Used by the explanations (<see cref="SpecEvaluation"/>, <see cref="ActivationSensitivity"/>,
/// <see cref="ExplainNotation"/>, <see cref="GradientExplanation"/>), by <see cref="GradientHealth"/> and by
/// <see cref="ParameterInitializer"/>. Three copies of the formulas are deliberate and stay outside this table:
/// <see cref="ReferenceNetwork{T}"/> computes σ and σ' in its own small switch over <c>T</c> (it is the independent
/// reference the generated code and these explanations are both checked against), and <see cref="Activations"/> and
/// <see cref="VectorMath"/> are what generated code calls (scalar and lane forms, tuned for speed). The generator has a
/// table of its own (generator/NetGen.Generator/Calculus), since it writes C# text rather than computing.
/// <para>Thread safety: immutable; every member may be used from any number of threads at once.</para>
/// </remarks>
internal abstract class ActivationFunction
{
    /// <summary>The activation this describes.</summary>
    public abstract Activation Kind { get; }

    /// <summary>The activation's name as the text writes it: "the logistic function", "ReLU".</summary>
    public abstract string Name { get; }

    /// <summary>True when σ acts on each z on its own (all but softmax, whose a_j depends on every z of the layer).</summary>
    public virtual bool IsElementWise => true;

    /// <summary>The initial weights that suit σ.</summary>
    public abstract WeightInitialization Initialization { get; }

    /// <summary>True when a unit can die: σ'(z) = 0 for every z ≤ 0 (ReLU), so a unit with z ≤ 0 on every example learns nothing.</summary>
    public virtual bool CanDie => false;

    /// <summary>True when a unit can saturate: σ'(z) → 0 as |z| grows (the logistic function, tanh).</summary>
    public virtual bool CanSaturate => false;

    /// <summary>σ(z) of an element-wise activation.</summary>
    public abstract double Value(double z);

    /// <summary>σ'(z) of an element-wise activation, from z and a = σ(z).</summary>
    public abstract double Derivative(double z, double a);

    /// <summary>a = σ(z) for a whole layer (softmax normalises over it; the others apply <see cref="Value"/> to each z).</summary>
    public virtual void Apply(ReadOnlySpan<double> z, Span<double> a)
    {
        for (int j = 0; j < z.Length; j++) a[j] = Value(z[j]);
    }

    /// <summary>
    /// What σ'(z) equals, worked out with the example's numbers and ending with its value:
    /// "a(L)_0(1 − a(L)_0) = 0.7000·(1 − 0.7000) = 0.2100   (σ: the logistic function, σ' ≤ 0.25)".
    /// </summary>
    /// <param name="a">The activation's symbol, a(L)_0.</param>
    /// <param name="z">The weighted sum's symbol, z(L)_0.</param>
    /// <param name="zValue">z for the example.</param>
    /// <param name="aValue">a = σ(z) for the example.</param>
    /// <param name="derivative">σ'(z) for the example.</param>
    public abstract string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative);

    /// <summary>The description of <paramref name="layer"/>'s activation, with its LeakyReLU slope.</summary>
    public static ActivationFunction Of(LayerSpec layer) => Of(layer.Activation, layer.Slope);

    /// <summary>The description of <paramref name="activation"/>; <paramref name="slope"/> is LeakyReLU's below zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is not an <see cref="Activation"/>.</exception>
    public static ActivationFunction Of(Activation activation, double slope = LayerSpec.DefaultSlope) => activation switch
    {
        Activation.Identity => Identity.Instance,
        Activation.Sigmoid => Sigmoid.Instance,
        Activation.Tanh => Tanh.Instance,
        Activation.ReLU => ReLU.Instance,
        Activation.LeakyReLU => slope == LayerSpec.DefaultSlope ? LeakyReLU.Default : new LeakyReLU(slope),
        Activation.Softplus => Softplus.Instance,
        Activation.Softmax => Softmax.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "An activation this library does not know."),
    };
}
