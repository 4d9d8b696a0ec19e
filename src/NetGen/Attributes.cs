using System;

namespace NetGen;

/// <summary>
/// Declares a neural network on a <c>partial class</c>. NetGen's source generator reads this attribute and the
/// <see cref="DenseAttribute"/> layers that follow it (in source order) and emits the network's forward pass,
/// backward pass and gradient-descent step as plain C# into the class.
/// </summary>
/// <example>
/// <code>
/// [Network(Inputs = 2, Loss = Loss.SquaredError)]
/// [Dense(3, Activation.Sigmoid)]
/// [Dense(1, Activation.Sigmoid)]
/// public partial class XorNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The number of input values, the activations a(0) of the input layer. Must be positive.</summary>
    public int Inputs { get; set; }

    /// <summary>The cost of one training example. <see cref="Loss.SquaredError"/> unless given.</summary>
    public Loss Loss { get; set; } = Loss.SquaredError;

    /// <summary>The floating-point type of the generated code. <see cref="Precision.Single"/> unless given.</summary>
    public Precision Precision { get; set; } = Precision.Single;
}

/// <summary>
/// A fully connected layer: every neuron j computes z_j = Σ_k w_jk·a_k + b_j over the previous layer's
/// activations a_k, then a_j = σ(z_j). Layers are applied in the order their attributes are written.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="size"/> neurons with the activation <paramref name="activation"/>.</summary>
    /// <param name="size">The number of neurons. Must be positive.</param>
    /// <param name="activation">The function applied to each neuron's weighted sum.</param>
    public DenseAttribute(int size, Activation activation)
    {
        Size = size;
        Activation = activation;
    }

    /// <summary>The number of neurons.</summary>
    public int Size { get; }

    /// <summary>The function applied to each neuron's weighted sum.</summary>
    public Activation Activation { get; }
}
