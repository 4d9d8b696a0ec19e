using NetGen.Generator.Calculus.Activations;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Calculus;

/// <summary>
/// What the generator knows about one activation σ: how to write a = σ(z) and its derivative ∂a/∂z as code in either
/// numeric form, and how comments and documentation name them. Each activation is one class in Calculus/Activations;
/// adding one is a new class there, a case in <see cref="For"/>, and its runtime counterparts (the NetGen.Activation
/// enum value, VectorMath for the lane form, and ReferenceNetwork, which is written independently on purpose).
/// </summary>
internal abstract class ActivationFunction
{
    /// <summary>The activation of <paramref name="layer"/>, with the layer's own constants (LeakyReLU's slope).</summary>
    public static ActivationFunction For(LayerModel layer) => layer.Activation switch
    {
        ActivationKind.Identity => Identity.Instance,
        ActivationKind.Sigmoid => Sigmoid.Instance,
        ActivationKind.Tanh => Tanh.Instance,
        ActivationKind.ReLU => ReLU.Instance,
        ActivationKind.LeakyReLU => new LeakyReLU(layer.Slope),
        ActivationKind.Softplus => Softplus.Instance,
        ActivationKind.Softmax => Softmax.Instance,
        _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Activation, "The validator lets no undefined activation through."),
    };

    public abstract ActivationKind Kind { get; }

    /// <summary>a = σ(z) in the calculus' notation, for documentation: "σ(z1), the logistic function".</summary>
    public abstract string Describe(string z);

    /// <summary>A comment after the line a = σ(z) of the readable form, or "" (the formula is already in the code).</summary>
    public virtual string LineComment(string z) => "";

    /// <summary>False for Softmax, whose outputs each depend on every z of the layer.</summary>
    public virtual bool IsElementWise => true;

    /// <summary>True for the identity: ∂a/∂z = 1, so the backward pass needs no multiplication.</summary>
    public virtual bool HasUnitDerivative => false;

    /// <summary>True when the derivative is written in terms of z (ReLU's step) rather than of a (the logistic's a(1 − a)).</summary>
    public virtual bool DerivativeReadsZ => false;

    /// <summary>σ(z) as code of the numeric form <paramref name="f"/>.</summary>
    public abstract string Apply(NumericForm f, string z);

    /// <summary>∂a/∂z as code of the numeric form <paramref name="f"/>, given the names of z and a.</summary>
    public abstract string Derivative(NumericForm f, string z, string a);

    /// <summary>∂a/∂z as the comment above that code shows it: "σ'(z1_0) = a1_0·(1 − a1_0)   (logistic)".</summary>
    public abstract string DerivativeFormula(string z, string a);
}
