using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen;

/// <summary>
/// A named layer of the network graph: a dense layer or a sum (made with the constructor), a convolution or a pooling
/// layer (made with <see cref="Conv"/>, <see cref="MaxPool"/>, <see cref="AvgPool"/> and <see cref="GlobalAvgPool"/>).
/// </summary>
/// <remarks>
/// The size of a convolution's or a pooling layer's output depends on the image it reads, so the factories leave
/// <see cref="Size"/> at 0; <see cref="NetworkSpec"/> works the shapes out and keeps a copy of each such layer whose
/// <see cref="Size"/> is its output's channels × height × width (see <see cref="NetworkSpec.ShapeOf(int)"/>).
/// <para>Thread safety: immutable; every member may be used from any number of threads at once.</para>
/// </remarks>
public sealed record LayerSpec
{
    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> below zero unless a layer says otherwise.</summary>
    public const double DefaultSlope = 0.01;

    /// <summary>Describes a dense layer or a sum.</summary>
    /// <param name="name">The layer's name, unique in the network (sequential networks use layer1, layer2, ...).</param>
    /// <param name="kind">What the layer computes: <see cref="LayerKind.Dense"/> or <see cref="LayerKind.Add"/>.</param>
    /// <param name="size">The number of neurons (of a sum: of values, the size of each source).</param>
    /// <param name="activation">The activation σ of a dense layer (Identity for a sum).</param>
    /// <param name="sources">The names of the inputs or earlier layers this layer reads, concatenated in this order.</param>
    public LayerSpec(string name, LayerKind kind, int size, Activation activation, IReadOnlyList<string> sources)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sources);
        Name = name;
        Kind = kind;
        Size = size;
        Activation = activation;
        Sources = sources.ToArray();
    }

    /// <summary>
    /// A 2-D convolution, as PyTorch's <c>nn.Conv2d</c> followed by an activation: z[o,y,x] = Σ_{c,i,j}
    /// w[o,c,i,j]·a[c, y·s+i−p, x·s+j−p] + b[o] with zero padding p on every side and stride s, then a = σ(z). Its
    /// sources are images, concatenated along channels (they must share height and width).
    /// </summary>
    /// <param name="name">The layer's name, unique in the network.</param>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelHeight">The kernel's height kH.</param>
    /// <param name="kernelWidth">The kernel's width kW.</param>
    /// <param name="stride">The step s between two positions of the kernel, across and down.</param>
    /// <param name="padding">The zeros p added on every side of each channel.</param>
    /// <param name="activation">The element-wise activation σ.</param>
    /// <param name="sources">The image inputs or layers read, concatenated along channels in this order.</param>
    public static LayerSpec Conv(string name, int filters, int kernelHeight, int kernelWidth, int stride, int padding,
        Activation activation, IReadOnlyList<string> sources) =>
        new(name, LayerKind.Conv, 0, activation, sources)
        {
            Filters = filters,
            KernelHeight = kernelHeight,
            KernelWidth = kernelWidth,
            Stride = stride,
            Padding = padding,
        };

    /// <summary>Max pooling, as PyTorch's <c>nn.MaxPool2d</c> (no padding): the largest value of each
    /// <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> window of each channel, windows
    /// <paramref name="stride"/> apart. In the backward pass ∂C/∂a goes to the position that won, the first one in
    /// row-major window order on a tie.</summary>
    /// <param name="name">The layer's name, unique in the network.</param>
    /// <param name="kernelHeight">The window's height.</param>
    /// <param name="kernelWidth">The window's width.</param>
    /// <param name="stride">The step between two windows, across and down (the window's size for windows that do not overlap).</param>
    /// <param name="sources">The one image input or layer read.</param>
    public static LayerSpec MaxPool(string name, int kernelHeight, int kernelWidth, int stride, IReadOnlyList<string> sources) =>
        Pool(name, LayerKind.MaxPool, kernelHeight, kernelWidth, stride, sources);

    /// <summary>Average pooling, as PyTorch's <c>nn.AvgPool2d</c> (no padding): the mean of each
    /// <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> window of each channel, windows
    /// <paramref name="stride"/> apart. In the backward pass ∂C/∂a is spread evenly over the window.</summary>
    /// <param name="name">The layer's name, unique in the network.</param>
    /// <param name="kernelHeight">The window's height.</param>
    /// <param name="kernelWidth">The window's width.</param>
    /// <param name="stride">The step between two windows, across and down.</param>
    /// <param name="sources">The one image input or layer read.</param>
    public static LayerSpec AvgPool(string name, int kernelHeight, int kernelWidth, int stride, IReadOnlyList<string> sources) =>
        Pool(name, LayerKind.AvgPool, kernelHeight, kernelWidth, stride, sources);

    /// <summary>Global average pooling, as PyTorch's <c>nn.AdaptiveAvgPool2d(1)</c>: one value per channel, the mean over
    /// the whole image (a channels × 1 × 1 image).</summary>
    /// <param name="name">The layer's name, unique in the network.</param>
    /// <param name="sources">The one image input or layer read.</param>
    public static LayerSpec GlobalAvgPool(string name, IReadOnlyList<string> sources) =>
        new(name, LayerKind.GlobalAvgPool, 0, Activation.Identity, sources);

    private static LayerSpec Pool(string name, LayerKind kind, int kernelHeight, int kernelWidth, int stride, IReadOnlyList<string> sources) =>
        new(name, kind, 0, Activation.Identity, sources)
        {
            KernelHeight = kernelHeight,
            KernelWidth = kernelWidth,
            Stride = stride,
        };

    /// <summary>The layer's name, unique in the network.</summary>
    public string Name { get; }

    /// <summary>What the layer computes.</summary>
    public LayerKind Kind { get; }

    /// <summary>The number of values the layer produces: the neurons of a dense layer, the size of a sum, and
    /// channels × height × width of a convolution's or pooling layer's output once <see cref="NetworkSpec"/> has worked it
    /// out (0 in a layer made by a factory and not yet part of a spec).</summary>
    public int Size { get; private init; }

    /// <summary>The activation σ (Identity for a sum or a pooling layer, which apply none).</summary>
    public Activation Activation { get; }

    /// <summary>The names of the inputs or earlier layers this layer reads, concatenated in this order (along channels for a
    /// convolution).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The number of output channels of a convolution; 0 for other layers.</summary>
    public int Filters { get; private init; }

    /// <summary>The height of a convolution's kernel or of a pooling window; 0 for other layers.</summary>
    public int KernelHeight { get; private init; }

    /// <summary>The width of a convolution's kernel or of a pooling window; 0 for other layers.</summary>
    public int KernelWidth { get; private init; }

    /// <summary>The step between two positions of a convolution's kernel or of a pooling window, across and down; 0 for
    /// other layers.</summary>
    public int Stride { get; private init; }

    /// <summary>The zeros a convolution adds on every side of each channel; 0 for other layers.</summary>
    public int Padding { get; private init; }

    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> below zero: a = z for z &gt; 0, else Slope·z.
    /// <see cref="DefaultSlope"/> (0.01) unless given (an imported model may use another); other activations ignore it.</summary>
    public double Slope { get; init; } = DefaultSlope;

    /// <summary>This layer with its size worked out by <see cref="NetworkSpec"/>.</summary>
    internal LayerSpec WithSize(int size) => size == Size ? this : this with { Size = size };
}
