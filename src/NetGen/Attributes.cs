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
/// A named input: a vector of <c>size</c> values, or an image of <c>channels × height × width</c> values (CHW, as one
/// example of PyTorch's NCHW) that convolutional and pooling layers read. A network with [Input] attributes has one input
/// span per input in the generated overloads of Forward and Backward; its flat input is their concatenation in
/// declaration order, an image's values channel by channel, each channel row by row. Leave
/// <see cref="NetworkAttribute.Inputs"/> unset when you declare inputs this way.
/// </summary>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>An input of <paramref name="size"/> values.</summary>
    /// <param name="name">The input's name, for layers' <c>From</c>.</param>
    /// <param name="size">The number of values.</param>
    public InputAttribute(string name, int size)
    {
        Name = name;
        Size = size;
    }

    /// <summary>An image input of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values.</summary>
    /// <param name="name">The input's name, for layers' <c>From</c>.</param>
    /// <param name="channels">The number of channels (1 for grey levels, 3 for RGB).</param>
    /// <param name="height">The number of rows of each channel.</param>
    /// <param name="width">The number of columns of each row.</param>
    public InputAttribute(string name, int channels, int height, int width)
    {
        Name = name;
        Channels = channels;
        Height = height;
        Width = width;
        Size = channels * height * width;
    }

    /// <summary>The input's name.</summary>
    public string Name { get; }

    /// <summary>The number of values (channels × height × width for an image).</summary>
    public int Size { get; }

    /// <summary>The number of channels of an image input; 0 for a vector.</summary>
    public int Channels { get; }

    /// <summary>The number of rows of an image input; 0 for a vector.</summary>
    public int Height { get; }

    /// <summary>The number of columns of an image input; 0 for a vector.</summary>
    public int Width { get; }
}

/// <summary>
/// A 2-D convolution, as PyTorch's <c>nn.Conv2d</c> followed by an activation: <c>filters</c> output channels, each the
/// sum over every input channel of a kernel slid across the image with <see cref="Stride"/> and zero
/// <see cref="Padding"/> on every side, plus a bias, then σ: z[o,y,x] = Σ_{c,i,j} w[o,c,i,j]·a[c, y·s+i−p, x·s+j−p] + b[o].
/// The output is filters × ⌊(H + 2p − kH)/s⌋+1 × ⌊(W + 2p − kW)/s⌋+1. It reads an image input or an earlier image layer
/// (several sources are concatenated along channels and must share height and width). Parameters: the weights
/// [filters × in_channels × kH × kW] row-major, then the filters' biases.
/// </summary>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConvAttribute : Attribute
{
    /// <summary>Declares a convolution of <paramref name="filters"/> square <paramref name="kernelSize"/> × <paramref name="kernelSize"/> kernels.</summary>
    /// <param name="filters">The number of output channels. Must be positive.</param>
    /// <param name="kernelSize">The kernel's height and width (see <see cref="KernelHeight"/> and <see cref="KernelWidth"/> for a rectangle).</param>
    /// <param name="activation">The function applied to each output value.</param>
    public ConvAttribute(int filters, int kernelSize, Activation activation)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel's height and width unless <see cref="KernelHeight"/> or <see cref="KernelWidth"/> is given.</summary>
    public int KernelSize { get; }

    /// <summary>The function applied to each output value.</summary>
    public Activation Activation { get; }

    /// <summary>The kernel's height; <c>kernelSize</c> unless given.</summary>
    public int KernelHeight { get; set; }

    /// <summary>The kernel's width; <c>kernelSize</c> unless given.</summary>
    public int KernelWidth { get; set; }

    /// <summary>The step between two positions of the kernel, across and down. 1 unless given.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>The zeros added on every side of each channel before the kernel slides. 0 unless given.</summary>
    public int Padding { get; set; }

    /// <summary>The layer's name, as on <see cref="DenseAttribute.Name"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The image input or earlier image layers this layer reads, concatenated along channels; the layer before unless given.</summary>
    public string[]? From { get; set; }
}

/// <summary>
/// Max pooling, as PyTorch's <c>nn.MaxPool2d</c>: each channel's <c>size</c> × <c>size</c> windows, <see cref="Stride"/>
/// apart, each replaced by its largest value. No parameters; in the backward pass ∂C/∂a goes to the position that won
/// (the first one on a tie, as PyTorch).
/// </summary>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPoolAttribute(int size) : Attribute
{
    /// <summary>The window's height and width.</summary>
    public int Size { get; } = size;

    /// <summary>The step between two windows, across and down; the window's size unless given.</summary>
    public int Stride { get; set; }

    /// <summary>The layer's name, as on <see cref="DenseAttribute.Name"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The image input or earlier image layer this layer reads; the layer before unless given.</summary>
    public string[]? From { get; set; }
}

/// <summary>
/// Average pooling, as PyTorch's <c>nn.AvgPool2d</c>: each channel's <c>size</c> × <c>size</c> windows, <see cref="Stride"/>
/// apart, each replaced by its mean. No parameters; in the backward pass ∂C/∂a is spread evenly over the window.
/// </summary>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPoolAttribute(int size) : Attribute
{
    /// <summary>The window's height and width.</summary>
    public int Size { get; } = size;

    /// <summary>The step between two windows, across and down; the window's size unless given.</summary>
    public int Stride { get; set; }

    /// <summary>The layer's name, as on <see cref="DenseAttribute.Name"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The image input or earlier image layer this layer reads; the layer before unless given.</summary>
    public string[]? From { get; set; }
}

/// <summary>
/// Global average pooling, as PyTorch's <c>nn.AdaptiveAvgPool2d(1)</c>: one value per channel, the mean over the whole
/// image (a channels × 1 × 1 image). No parameters.
/// </summary>
/// <remarks>Thread safety: the generator reads it at compile time; like any attribute, an instance is not meant to be
/// changed after construction, and reading it from any number of threads is safe.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : Attribute
{
    /// <summary>The layer's name, as on <see cref="DenseAttribute.Name"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The image input or earlier image layer this layer reads; the layer before unless given.</summary>
    public string[]? From { get; set; }
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
