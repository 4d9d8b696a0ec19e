using System;
using System.IO;
using System.Numerics;
using NetGen.Training;

namespace NetGen.IO;

/// <summary>
/// Loads MNIST digits from a pair of IDX files (images and labels, plain or gzip) as a <see cref="DataSet{T}"/>: inputs
/// are the 28 × 28 pixels row-major, scaled to [0, 1] (value / 255); targets are one-hot over the 10 digits.
/// </summary>
/// <remarks>Thread safety: stateless; any number of loads may run at once, each returning its own data set.</remarks>
public static class Mnist
{
    /// <summary>The number of classes (digits 0–9), the length of a one-hot target.</summary>
    public const int ClassCount = 10;

    /// <summary>Reads the images and labels and checks that they belong together.</summary>
    /// <param name="imagesPath">An IDX image file: magic 0x00000803, dimensions count × rows × columns.</param>
    /// <param name="labelsPath">An IDX label file: magic 0x00000801, dimension count, each label in 0–9.</param>
    /// <exception cref="InvalidDataException">A file is truncated or malformed, the counts differ, or a label is not a digit;
    /// the message names the file, what was expected and what was found.</exception>
    public static DataSet<T> Load<T>(string imagesPath, string labelsPath) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        IdxArray images = IdxReader.ReadImages(imagesPath);
        IdxArray labels = IdxReader.ReadLabels(labelsPath);
        return FromIdx<T>(images, labels);
    }

    /// <summary>Builds a data set from IDX arrays already read: images [count, rows, columns] and labels [count].</summary>
    /// <exception cref="InvalidDataException">The shapes or counts do not match, or a label is not a digit.</exception>
    public static DataSet<T> FromIdx<T>(IdxArray images, IdxArray labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Dimensions.Count != 3)
            throw IdxReader.Invalid(images.Source, $"images have dimensions {IdxReader.FormatShape(images.Dimensions)}; expected 3 (count, rows, columns)");
        if (labels.Dimensions.Count != 1)
            throw IdxReader.Invalid(labels.Source, $"labels have dimensions {IdxReader.FormatShape(labels.Dimensions)}; expected 1 (count)");
        if (images.Count != labels.Count)
            throw IdxReader.Invalid(labels.Source, $"holds {labels.Count} labels; expected {images.Count}, one for each image of '{images.Source}'");
        if (images.Count == 0)
            throw IdxReader.Invalid(images.Source, "holds 0 images; expected at least one");

        int count = images.Count, pixels = images.ItemLength;
        ReadOnlySpan<byte> labelData = labels.Data;
        var targets = new T[(long)count * ClassCount];
        for (int i = 0; i < count; i++)
        {
            int label = labelData[i];
            if (label >= ClassCount)
                throw IdxReader.Invalid(labels.Source, $"label {i} is {label}; expected a digit 0–9");
            targets[i * ClassCount + label] = T.One;
        }

        ReadOnlySpan<byte> pixelData = images.Data;
        var inputs = new T[pixelData.Length];
        T maximum = T.CreateChecked(255);
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = T.CreateChecked(pixelData[i]) / maximum;
        return new DataSet<T>(inputs, targets, pixels, ClassCount);
    }
}
