using System.Globalization;

namespace NetGen;

/// <summary>
/// The shape of the values of an input or a layer: a vector of <see cref="Channels"/> values (<see cref="Height"/> and
/// <see cref="Width"/> 1), or an image of <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> values, laid
/// out channel by channel, each channel row by row (CHW, one example of PyTorch's NCHW).
/// </summary>
/// <param name="Channels">The number of channels of an image; the number of values of a vector.</param>
/// <param name="Height">The number of rows of each channel; 1 for a vector.</param>
/// <param name="Width">The number of columns of each row; 1 for a vector.</param>
/// <param name="IsImage">True for an image, which convolutions and pooling can read; false for a vector.</param>
/// <remarks>Thread safety: an immutable value; every member may be used from any number of threads at once.</remarks>
public readonly record struct Shape(int Channels, int Height, int Width, bool IsImage)
{
    /// <summary>A vector of <paramref name="size"/> values.</summary>
    public static Shape Vector(int size) => new(size, 1, 1, false);

    /// <summary>An image of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values.</summary>
    public static Shape Image(int channels, int height, int width) => new(channels, height, width, true);

    /// <summary>The number of values: channels × height × width.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>The flat index (in CHW order) of the value at channel <paramref name="c"/>, row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public int IndexOf(int c, int y, int x) => (c * Height + y) * Width + x;

    /// <summary>"1x28x28" for an image, "784" for a vector. Culture-free.</summary>
    public override string ToString() => IsImage
        ? string.Create(CultureInfo.InvariantCulture, $"{Channels}x{Height}x{Width}")
        : Channels.ToString(CultureInfo.InvariantCulture);
}
