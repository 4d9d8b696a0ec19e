using NetGen.Generator.Text;

namespace NetGen.Generator.Model;

/// <summary>
/// The shape of a node's values: an image of <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> (CHW,
/// channel by channel, each row by row), or a vector of <see cref="Channels"/> values (height and width 1).
/// </summary>
internal readonly record struct Shape(int Channels, int Height, int Width, bool IsImage)
{
    public static Shape Vector(int size) => new(size, 1, 1, IsImage: false);

    public static Shape Image(int channels, int height, int width) => new(channels, height, width, IsImage: true);

    /// <summary>The number of values, in long so that no product of declared sizes wraps.</summary>
    public long Size => (long)Channels * Height * Width;

    /// <summary>"1×28×28" for an image, "10" for a vector.</summary>
    public override string ToString() => IsImage ? $"{NumberText.Int(Channels)}×{NumberText.Int(Height)}×{NumberText.Int(Width)}" : NumberText.Int(Channels);
}
