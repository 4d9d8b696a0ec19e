using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen.IO;

/// <summary>
/// Reads IDX files, the format of the MNIST digits (LeCun et al.): a big-endian magic number <c>0x0000TTDD</c>
/// (TT the element type, DD the number of dimensions), DD big-endian int32 dimension sizes, then the elements in
/// row-major order. Files may be plain or gzip-compressed; gzip is recognised by its magic bytes <c>1f 8b</c>, not by
/// the file name. Only the unsigned-byte element type (<c>0x08</c>), the one MNIST uses, is supported.
/// </summary>
/// <remarks>
/// <para>Every check throws an <see cref="InvalidDataException"/> whose message names the file and says what was expected
/// and what was found: a truncated header or data, a wrong magic number, the wrong number of dimensions, a dimension of
/// size 0 (no items, rows or columns), bytes past the end of the data. Sizes come from the header only, so the full
/// 60,000-digit MNIST files read the same way as the 7,000-digit ones shipped with the sample.</para>
/// <para>Memory follows the data, not the header: a plain file's declared size is checked against the file's length
/// before anything is allocated, and gzip data, whose length is unknown until it is decompressed, is read in chunks of
/// <see cref="ChunkSize"/> bytes, so a header that declares more than the file holds fails after allocating at most what
/// was actually there plus one chunk.</para>
/// <para>Thread safety: stateless; any number of reads may run at once, each returning its own IdxArray (a stream must
/// not be read by anything else during a call).</para>
/// </remarks>
public static class IdxReader
{
    /// <summary>The IDX element type code of unsigned bytes, the only one supported.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>The magic number of an MNIST image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an MNIST label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The size of the chunks in which data of unknown length (gzip) is read: 1 MiB.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Reads the IDX file at <paramref name="path"/>, plain or gzip-compressed, with any number of dimensions.</summary>
    /// <exception cref="InvalidDataException">The file is truncated or is not an unsigned-byte IDX file; the message says why.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static IdxArray Read(string path) => Read(path, expectedDimensions: null);

    /// <summary>Reads an IDX stream, plain or gzip-compressed. <paramref name="name"/> names the data in error messages.</summary>
    /// <remarks>A stream that cannot seek is first copied into memory, so that its first bytes can be examined.</remarks>
    /// <exception cref="InvalidDataException">The data is truncated or is not an unsigned-byte IDX file; the message says why.</exception>
    public static IdxArray Read(Stream stream, string name) => Read(stream, name, expectedDimensions: null);

    /// <summary>Reads an MNIST-style image file: magic <c>0x00000803</c>, dimensions count × rows × columns.</summary>
    /// <exception cref="InvalidDataException">The file is truncated, malformed or does not have 3 dimensions.</exception>
    public static IdxArray ReadImages(string path) => Read(path, expectedDimensions: 3);

    /// <summary>Reads an MNIST-style label file: magic <c>0x00000801</c>, one dimension (count).</summary>
    /// <exception cref="InvalidDataException">The file is truncated, malformed or does not have 1 dimension.</exception>
    public static IdxArray ReadLabels(string path) => Read(path, expectedDimensions: 1);

    private static IdxArray Read(string path, int? expectedDimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(file, path, expectedDimensions);
    }

    private static IdxArray Read(Stream stream, string name, int? expectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        long start = stream.Position;
        Span<byte> probe = stackalloc byte[2];
        int probed = stream.ReadAtLeast(probe, 2, throwOnEndOfStream: false);
        stream.Position = start;
        if (probed == 2 && probe[0] == 0x1f && probe[1] == 0x8b)
        {
            try
            {
                using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
                return ReadIdx(gzip, name, expectedDimensions, compressed: true);
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(Quote(name), StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{Quote(name)}: the gzip data is corrupt ({e.Message})", e);
            }
        }
        return ReadIdx(stream, name, expectedDimensions, compressed: false);
    }

    private static IdxArray ReadIdx(Stream stream, string name, int? expectedDimensions, bool compressed)
    {
        string what = compressed ? "decompressed data" : "file";
        Span<byte> word = stackalloc byte[4];
        int read = stream.ReadAtLeast(word, 4, throwOnEndOfStream: false);
        if (read < 4)
            throw Invalid(name, $"truncated header: expected a 4-byte magic number, the {what} has {read} byte(s)");
        int magic = BinaryPrimitives.ReadInt32BigEndian(word);
        byte type = word[2], rank = word[3];
        if (word[0] != 0 || word[1] != 0)
            throw Invalid(name, $"magic number 0x{magic:X8} is not an IDX magic number; expected 0x0000TTDD (TT the element type, DD the number of dimensions){ExpectedMagic(expectedDimensions)}");
        if (type != UnsignedByteType)
            throw Invalid(name, $"magic number 0x{magic:X8} declares element type 0x{type:X2} ({TypeName(type)}); expected 0x{UnsignedByteType:X2} (unsigned byte){ExpectedMagic(expectedDimensions)}");
        if (rank == 0)
            throw Invalid(name, $"magic number 0x{magic:X8} declares 0 dimensions; expected at least 1{ExpectedMagic(expectedDimensions)}");
        if (expectedDimensions is int expected && rank != expected)
            throw Invalid(name, $"magic number 0x{magic:X8} declares {rank} dimension(s); expected {expected}{ExpectedMagic(expectedDimensions)}");

        var dimensions = new int[rank];
        long length = 1;
        for (int d = 0; d < rank; d++)
        {
            read = stream.ReadAtLeast(word, 4, throwOnEndOfStream: false);
            if (read < 4)
                throw Invalid(name, $"truncated header: expected {rank} dimension sizes ({4 + 4 * rank} header bytes), the {what} ends after {4 + 4 * d + read} byte(s)");
            int size = BinaryPrimitives.ReadInt32BigEndian(word);
            if (size < 0)
                throw Invalid(name, $"dimension {d} has size {size}; expected a size of 1 or more");
            if (size == 0)
                throw Invalid(name, $"dimension {d}{DimensionName(expectedDimensions, d)} has size 0; expected a size of 1 or more (a file of no {(d == 0 ? "items" : "values")} holds nothing to read)");
            dimensions[d] = size;
            length *= size;
            if (length > Array.MaxLength)
                throw Invalid(name, $"the dimensions {string.Join(" x ", dimensions[..(d + 1)])} hold more than {Array.MaxLength} elements, more than one array can hold");
        }

        long header = 4 + 4L * rank;
        byte[] data;
        if (stream.CanSeek)
        {
            // The length is known: check it before allocating what the header declares.
            long remaining = stream.Length - stream.Position;
            if (remaining < length)
                throw Invalid(name, $"truncated data: the header declares {FormatShape(dimensions)} = {length} element byte(s) after the {header}-byte header; the {what} has {remaining}");
            if (remaining > length)
                throw Invalid(name, $"unexpected bytes after the data: the header declares {FormatShape(dimensions)} = {length} element byte(s) after the {header}-byte header; the {what} is longer");
            data = new byte[length];
            read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        }
        else
        {
            data = ReadInChunks(stream, length, out read);
        }
        if (read < length)
            throw Invalid(name, $"truncated data: the header declares {FormatShape(dimensions)} = {length} element byte(s) after the {header}-byte header; the {what} has {read}");
        Span<byte> extra = stackalloc byte[1];
        if (stream.Read(extra) != 0)
            throw Invalid(name, $"unexpected bytes after the data: the header declares {FormatShape(dimensions)} = {length} element byte(s) after the {header}-byte header; the {what} is longer");
        return new IdxArray(name, dimensions, data);
    }

    /// <summary>
    /// Reads up to <paramref name="length"/> bytes from a stream of unknown length in chunks of at most
    /// <see cref="ChunkSize"/>, stopping as soon as the stream ends: what is allocated follows what was read. Returns the
    /// data (complete only when <paramref name="read"/> equals <paramref name="length"/>).
    /// </summary>
    private static byte[] ReadInChunks(Stream stream, long length, out int read)
    {
        if (length <= ChunkSize)
        {
            var small = new byte[length];
            read = stream.ReadAtLeast(small, small.Length, throwOnEndOfStream: false);
            return small;
        }
        var chunks = new List<byte[]>();
        long total = 0;
        while (total < length)
        {
            var chunk = new byte[Math.Min(ChunkSize, length - total)];
            int got = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            total += got;
            if (got < chunk.Length)
            {
                read = (int)total;
                return [];
            }
            chunks.Add(chunk);
        }
        // Every declared byte is there: one array of exactly that size.
        var data = new byte[length];
        long offset = 0;
        foreach (byte[] chunk in chunks)
        {
            chunk.CopyTo(data, offset);
            offset += chunk.Length;
        }
        read = (int)total;
        return data;
    }

    private static string DimensionName(int? expectedDimensions, int dimension) => (expectedDimensions, dimension) switch
    {
        (_, 0) => " (the number of items)",
        (3, 1) => " (rows)",
        (3, 2) => " (columns)",
        _ => "",
    };

    private static string ExpectedMagic(int? expectedDimensions) => expectedDimensions switch
    {
        3 => string.Create(CultureInfo.InvariantCulture, $" (an image file has magic 0x{ImagesMagic:X8})"),
        1 => string.Create(CultureInfo.InvariantCulture, $" (a label file has magic 0x{LabelsMagic:X8})"),
        _ => "",
    };

    private static string TypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "not an IDX type",
    };

    internal static string FormatShape(IReadOnlyList<int> dimensions) =>
        "[" + string.Join(", ", System.Linq.Enumerable.Select(dimensions, d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    internal static string Quote(string name) => "'" + name + "'";

    internal static InvalidDataException Invalid(string name, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Quote(name)}: {message}."));
}

/// <summary>The contents of an unsigned-byte IDX file: its dimension sizes and its elements in row-major order.</summary>
/// <remarks>Thread safety: no member changes it, so it may be read from any number of threads at once; it keeps the
/// data array given to its constructor without copying it (the reader gives it one of its own), which must not be
/// written meanwhile.</remarks>
public sealed class IdxArray
{
    private readonly int[] _dimensions;
    private readonly byte[] _data;

    /// <summary>An IDX array read from <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not hold the product of the dimensions.</exception>
    public IdxArray(string source, IReadOnlyList<int> dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Count == 0)
            throw new ArgumentException("dimensions is empty; expected at least one dimension (the number of items).", nameof(dimensions));
        long length = 1;
        foreach (int d in dimensions)
        {
            if (d < 0) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"dimensions contains {d}; expected sizes of 0 or more."), nameof(dimensions));
            length *= d;
        }
        if (length != data.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"data has length {data.Length}; expected {length}, the product of the dimensions {IdxReader.FormatShape(dimensions)}."), nameof(data));
        Source = source;
        _dimensions = [.. dimensions];
        _data = data;
    }

    /// <summary>The file (or stream name) the array was read from, for messages.</summary>
    public string Source { get; }

    /// <summary>The dimension sizes, outermost first: [count, rows, columns] for MNIST images, [count] for labels.</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>The size of the first dimension: the number of images or labels.</summary>
    public int Count => _dimensions[0];

    /// <summary>The number of elements of one item: the product of every dimension after the first (784 for MNIST images, 1 for labels).</summary>
    public int ItemLength => _dimensions.Length == 1 ? 1 : _data.Length == 0 ? Product(_dimensions.AsSpan(1)) : _data.Length / _dimensions[0];

    /// <summary>Every element in row-major order.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The elements of item <paramref name="index"/> (one image, or one label).</summary>
    public ReadOnlySpan<byte> Item(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int length = ItemLength;
        return _data.AsSpan(index * length, length);
    }

    private static int Product(ReadOnlySpan<int> sizes)
    {
        int product = 1;
        foreach (int size in sizes) product *= size;
        return product;
    }
}
