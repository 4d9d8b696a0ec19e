using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using NetGen.IO;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>Malformed IDX files, plain and gzip: only <see cref="InvalidDataException"/>, and memory that follows the data.</summary>
public sealed class IdxReaderFuzzTests : IDisposable
{
    private readonly ScratchFolder _scratch = TestFiles.Scratch();
    private readonly ITestOutputHelper _output;

    public IdxReaderFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_tiny_file_declaring_two_gigabytes_fails_without_allocating_them(bool gzip)
    {
        // 16 bytes: magic 0x00000803, 2·10⁹ images of 1 × 1 pixels, no data.
        byte[] header = Idx(0x0803, [2_000_000_000, 1, 1], []);
        string path = Write(gzip ? "huge.idx.gz" : "huge.idx", gzip ? Gzip(header) : header);
        IdxReader.Read(Write("warm.idx", Idx(0x0801, [1], [7])));   // JIT and static data before measuring

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith($"'{path}': truncated data: the header declares [2000000000, 1, 1] = 2000000000 element byte(s) after the 16-byte header; the {(gzip ? "decompressed data" : "file")} has 0.", e.Message);
        Assert.True(allocated < IdxReader.ChunkSize + (1 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void Gzip_data_that_ends_early_fails_after_reading_what_is_there()
    {
        // 5 MiB declared, 3 MiB present: the reader allocates about the 3 MiB read plus a chunk, not 5 MiB.
        byte[] header = Idx(0x0801, [5 << 20], []);
        byte[] bytes = new byte[header.Length + (3 << 20)];
        header.CopyTo(bytes, 0);
        string path = Write("short.idx.gz", Gzip(bytes));
        IdxReader.Read(Write("warm.idx.gz", Gzip(Idx(0x0801, [1], [7]))));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal($"'{path}': truncated data: the header declares [5242880] = 5242880 element byte(s) after the 8-byte header; the decompressed data has 3145728.", e.Message);
        Assert.InRange(allocated, 3 << 20, (3 << 20) + IdxReader.ChunkSize + (1 << 20));
    }

    [Theory]
    [InlineData(new[] { 0, 28, 28 }, "dimension 0 (the number of items) has size 0; expected a size of 1 or more (a file of no items holds nothing to read)")]
    [InlineData(new[] { 5, 0, 28 }, "dimension 1 (rows) has size 0; expected a size of 1 or more (a file of no values holds nothing to read)")]
    [InlineData(new[] { 5, 28, 0 }, "dimension 2 (columns) has size 0; expected a size of 1 or more (a file of no values holds nothing to read)")]
    public void Images_with_no_items_rows_or_columns_are_refused_naming_the_file(int[] dimensions, string problem)
    {
        string plain = Write("empty.idx", Idx(0x0803, dimensions, []));
        string gzip = Write("empty.idx.gz", Gzip(Idx(0x0803, dimensions, [])));

        Assert.Equal($"'{plain}': {problem}.", Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(plain)).Message);
        Assert.Equal($"'{gzip}': {problem}.", Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(gzip)).Message);
        Assert.Throws<InvalidDataException>(() => Mnist.Load<float>(plain, TestFiles.Mnist("test-labels-idx1-ubyte.gz")));
    }

    /// <summary>
    /// Seeded mutations of a small image file and a small label file, each read plain and gzip-compressed: header bit
    /// flips, truncation at every length, huge and wrong declared sizes, random byte runs, bit flips in the compressed
    /// bytes. Each read either succeeds with the declared shape or throws InvalidDataException naming the file.
    /// </summary>
    [Fact]
    public void Mutated_files_read_or_fail_with_InvalidDataException_only()
    {
        var random = new Random(1203);
        byte[] pixels = new byte[3 * 4 * 5];
        random.NextBytes(pixels);
        byte[] images = Idx(0x0803, [3, 4, 5], pixels);
        byte[] labels = Idx(0x0801, [6], [1, 2, 3, 4, 5, 6]);

        var cases = new List<(string What, byte[] Bytes, bool Images)>();
        foreach ((byte[] valid, bool isImages) in new[] { (images, true), (labels, false) })
        {
            int headerLength = isImages ? 16 : 8;
            for (int bit = 0; bit < 8 * headerLength; bit++) cases.Add(($"header bit {bit}", Flip(valid, bit / 8, bit % 8), isImages));
            for (int length = 0; length < valid.Length; length++) cases.Add(($"truncated to {length}", valid[..length], isImages));
            foreach (int size in new[] { int.MaxValue, int.MinValue, -1, 0, 1, 2_000_000_000, 1 << 20, (1 << 20) + 1 })
                for (int d = 0; d < headerLength / 4 - 1; d++)
                {
                    byte[] bytes = (byte[])valid.Clone();
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), size);
                    cases.Add(($"dimension {d} = {size}", bytes, isImages));
                }
            for (int i = 0; i < 60; i++)
            {
                byte[] bytes = (byte[])valid.Clone();
                int at = random.Next(bytes.Length), run = Math.Min(1 + random.Next(8), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, run));
                cases.Add(($"random run of {run} at {at}", bytes, isImages));
            }
            cases.Add(("one byte appended", [.. valid, 0], isImages));
        }

        int read = 0, invalid = 0, runs = 0;
        foreach ((string what, byte[] bytes, bool isImages) in cases)
        {
            foreach (bool gzip in new[] { false, true })
            {
                byte[] file = gzip ? Gzip(bytes) : bytes;
                Check($"{what}{(gzip ? " (gzip)" : "")}", file, isImages);
                runs++;
            }
        }
        // Flips and truncations of the compressed bytes themselves.
        byte[] compressed = Gzip(images);
        for (int i = 0; i < 120; i++)
        {
            Check($"gzip bit flip {i}", Flip(compressed, random.Next(compressed.Length), random.Next(8)), isImages: true);
            runs++;
        }
        for (int length = 0; length < compressed.Length; length++)
        {
            Check($"gzip truncated to {length}", compressed[..length], isImages: true);
            runs++;
        }

        _output.WriteLine($"{runs} mutated files: {read} read, {invalid} InvalidDataException");
        Assert.Equal(runs, read + invalid);
        Assert.True(runs > 700 && invalid > 500, $"{runs} runs, {invalid} invalid");

        void Check(string what, byte[] file, bool isImages)
        {
            string path = Write("mutated.idx", file);
            Exception? e = Record.Exception(() =>
            {
                IdxArray array = isImages ? IdxReader.ReadImages(path) : IdxReader.ReadLabels(path);
                long length = 1;
                foreach (int d in array.Dimensions)
                {
                    Assert.True(d > 0, $"{what}: dimension {d}");
                    length *= d;
                }
                Assert.Equal(length, array.Data.Length);
            });
            if (e is null)
            {
                read++;
                return;
            }
            Assert.True(e is InvalidDataException, $"{what}: {e.GetType().Name}: {e.Message}");
            Assert.StartsWith($"'{path}': ", e.Message, StringComparison.Ordinal);
            invalid++;
        }
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _scratch.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Flip(byte[] bytes, int index, int bit)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }

    private static byte[] Idx(int magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }
}
