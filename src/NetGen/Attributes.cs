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
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
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
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
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

    /// <summary>The layer's name, for other layers' <see cref="From"/> and for outputs; layer1, layer2, ... (its position
    /// among the layers) unless given.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The inputs or earlier layers this layer reads, concatenated in the order given: its weights form one matrix over
    /// the concatenation, like a PyTorch <c>nn.Linear</c> applied to <c>torch.cat</c>. Without it the layer reads the
    /// layer before (the first layer reads the input).
    /// </summary>
    public string[]? From { get; set; }
}

/// <summary>
/// A named input of <paramref name="size"/> values. A network with [Input] attributes has one input span per input in
/// the generated overloads of Forward and Backward; its flat input is their concatenation in declaration order. Leave
/// <see cref="NetworkAttribute.Inputs"/> unset when you declare inputs this way.
/// </summary>
/// <param name="name">The input's name, for layers' <see cref="DenseAttribute.From"/>.</param>
/// <param name="size">The number of values.</param>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute(string name, int size) : Attribute
{
    /// <summary>The input's name.</summary>
    public string Name { get; } = name;

    /// <summary>The number of values.</summary>
    public int Size { get; } = size;
}

/// <summary>
/// An element-wise sum of equal-size layers or inputs — a residual or skip connection: a_j = Σ_s a(s)_j. It has no
/// parameters; in the backward pass its sensitivity ∂C/∂a passes unchanged to every source.
/// </summary>
/// <param name="name">The sum's name, for later layers and outputs.</param>
/// <param name="sources">The inputs or earlier layers to add, all of the same size.</param>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute(string name, params string[] sources) : Attribute
{
    /// <summary>The sum's name.</summary>
    public string Name { get; } = name;

    /// <summary>The inputs or earlier layers added.</summary>
    public string[] Sources { get; } = sources;
}

/// <summary>
/// An output of the network: the activations of a layer, compared with a target by a loss. The total cost is
/// Σ_o Weight_o·C_o over the outputs. Without [Output] attributes the last layer is the output, with
/// <see cref="NetworkAttribute.Loss"/>. Every output needs its loss: <c>[Output("h3", Loss.SquaredError)]</c> or
/// <c>[Output("h3", Loss = Loss.SquaredError)]</c>.
/// </summary>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
    /// <summary>Declares the activations of <paramref name="source"/> an output; give its loss with <see cref="Loss"/>.</summary>
    /// <param name="source">The name of the layer whose activations are the output.</param>
    public OutputAttribute(string source) => Source = source;

    /// <summary>Declares the activations of <paramref name="source"/> an output compared by <paramref name="loss"/>.</summary>
    /// <param name="source">The name of the layer whose activations are the output.</param>
    /// <param name="loss">This output's cost.</param>
    public OutputAttribute(string source, Loss loss)
    {
        Source = source;
        Loss = loss;
    }

    /// <summary>The layer whose activations are the output.</summary>
    public string Source { get; }

    /// <summary>This output's cost.</summary>
    public Loss Loss { get; set; }

    /// <summary>The factor of this output's cost in the total cost; positive and finite. 1 unless given.</summary>
    public double Weight { get; set; } = 1.0;
}
