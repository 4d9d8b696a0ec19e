using System;
using System.Globalization;

namespace NetGen;

/// <summary>
/// A named input of the network, the activations a(0): a vector of <see cref="Size"/> values, or an image of
/// <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> values in CHW order (channel by channel, each
/// channel row by row), which convolutional and pooling layers read.
/// </summary>
/// <remarks>
/// Two inputs are equal when their names and shapes are. The sizes are checked by <see cref="NetworkSpec"/>, which says
/// which input is wrong.
/// <para>Thread safety: immutable; every member may be used from any number of threads at once.</para>
/// </remarks>
public sealed record InputSpec
{
    /// <summary>A vector input of <paramref name="size"/> values.</summary>
    /// <param name="name">The name layers use to read this input.</param>
    /// <param name="size">The number of values.</param>
    public InputSpec(string name, int size)
    {
        Name = name;
        Size = size;
        Channels = size;
        Height = 1;
        Width = 1;
    }

    /// <summary>An image input of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values.</summary>
    /// <param name="name">The name layers use to read this input.</param>
    /// <param name="channels">The number of channels (1 for grey levels, 3 for RGB).</param>
    /// <param name="height">The number of rows of each channel.</param>
    /// <param name="width">The number of columns of each row.</param>
    /// <exception cref="ArgumentOutOfRangeException">channels × height × width does not fit in an <see cref="int"/>.</exception>
    public InputSpec(string name, int channels, int height, int width)
    {
        long size = (long)channels * height * width;
        if (size > int.MaxValue || size < int.MinValue)
            throw new ArgumentOutOfRangeException(nameof(channels), string.Create(CultureInfo.InvariantCulture,
                $"Input '{name}' is {channels}x{height}x{width} = {size} values; expected at most {int.MaxValue} in all."));
        Name = name;
        Size = (int)size;
        Channels = channels;
        Height = height;
        Width = width;
        IsImage = true;
    }

    /// <summary>The name layers use to read this input.</summary>
    public string Name { get; }

    /// <summary>The number of values: channels × height × width for an image.</summary>
    public int Size { get; }

    /// <summary>The number of channels of an image; <see cref="Size"/> for a vector.</summary>
    public int Channels { get; }

    /// <summary>The number of rows of each channel of an image; 1 for a vector.</summary>
    public int Height { get; }

    /// <summary>The number of columns of each row of an image; 1 for a vector.</summary>
    public int Width { get; }

    /// <summary>True for an image input, false for a vector.</summary>
    public bool IsImage { get; }

    /// <summary>The input's shape.</summary>
    public Shape Shape => new(Channels, Height, Width, IsImage);

    /// <summary>The name and the number of values, as the positional record this type once was.</summary>
    public void Deconstruct(out string name, out int size)
    {
        name = Name;
        size = Size;
    }
}
