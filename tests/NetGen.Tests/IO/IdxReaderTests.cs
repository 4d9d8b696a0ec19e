using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NetGen.IO;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.IO;

public sealed class IdxReaderTests : IDisposable
{
    private readonly ScratchFolder _scratch = TestFiles.Scratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("train", 7000)]
    [InlineData("test", 1000)]
    public void Shipped_files_have_the_documented_shapes(string set, int count)
    {
        IdxArray images = IdxReader.ReadImages(TestFiles.Mnist($"{set}-images-idx3-ubyte.gz"));
        IdxArray labels = IdxReader.ReadLabels(TestFiles.Mnist($"{set}-labels-idx1-ubyte.gz"));

        Assert.Equal(new[] { count, 28, 28 }, images.Dimensions);
        Assert.Equal(784, images.ItemLength);
        Assert.Equal(count * 784, images.Data.Length);
        Assert.Equal(new[] { count }, labels.Dimensions);
        Assert.All(labels.Data.ToArray(), label => Assert.InRange(label, (byte)0, (byte)9));
        Assert.Equal(255, images.Data.ToArray().Max());
    }

    [Fact]
    public void Shipped_test_set_has_the_known_labels_and_pixels()
    {
        // Values read independently with Python's gzip and struct modules.
        IdxArray images = IdxReader.ReadImages(TestFiles.Mnist("test-images-idx3-ubyte.gz"));
        IdxArray labels = IdxReader.ReadLabels(TestFiles.Mnist("test-labels-idx1-ubyte.gz"));

        Assert.Equal(new byte[] { 2, 7, 1, 4, 2, 4, 8, 8, 3, 1 }, labels.Data[..10].ToArray());
        int[] histogram = new int[10];
        foreach (byte label in labels.Data) histogram[label]++;
        Assert.Equal(new[] { 105, 111, 116, 105, 84, 81, 106, 105, 92, 95 }, histogram);
        Assert.Equal(23667, Sum(images.Item(0)));
        Assert.Equal(26545722L, images.Data.ToArray().Sum(b => (long)b));
        Assert.Equal(new byte[] { 0, 0, 2, 94, 253, 253, 243, 219, 253, 173, 0 }, images.Item(0).Slice(14 * 28 + 10, 11).ToArray());
    }

    [Fact]
    public void Mnist_load_scales_pixels_and_one_hot_encodes_labels()
    {
        DataSet<float> test = Mnist.Load<float>(TestFiles.Mnist("test-images-idx3-ubyte.gz"), TestFiles.Mnist("test-labels-idx1-ubyte.gz"));

        Assert.Equal(1000, test.Count);
        Assert.Equal(784, test.InputCount);
        Assert.Equal(10, test.OutputCount);
        Assert.Equal(94f / 255f, test.Input(0)[14 * 28 + 13]);
        Assert.Equal(253f / 255f, test.Input(0)[14 * 28 + 14]);
        Assert.Equal(0f, test.Input(0)[0]);
        Assert.Equal(new float[] { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, test.Target(0).ToArray());
        Assert.Equal(7, test.Label(1));
        Assert.All(Enumerable.Range(0, test.Count), i => Assert.Equal(1f, Sum(test.Target(i))));

        DataSet<double> train = Mnist.Load<double>(TestFiles.Mnist("train-images-idx3-ubyte.gz"), TestFiles.Mnist("train-labels-idx1-ubyte.gz"));
        Assert.Equal(7000, train.Count);
        Assert.Equal(new[] { 2, 2, 1, 8, 4, 0, 8, 5, 7, 0 }, Enumerable.Range(0, 10).Select(train.Label));
        Assert.Equal(34914 / 255.0, Sum(train.Input(0)), 9);
    }

    [Fact]
    public void Plain_and_gzip_files_read_the_same()
    {
        string gz = TestFiles.Mnist("test-images-idx3-ubyte.gz");
        string plain = _scratch.File("test-images-idx3-ubyte");
        using (var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
        using (var output = File.Create(plain))
            input.CopyTo(output);

        IdxArray fromGzip = IdxReader.Read(gz);
        IdxArray fromPlain = IdxReader.Read(plain);

        Assert.Equal(784_016, new FileInfo(plain).Length);
        Assert.Equal(fromGzip.Dimensions, fromPlain.Dimensions);
        Assert.True(fromGzip.Data.SequenceEqual(fromPlain.Data));
        Assert.Equal(plain, fromPlain.Source);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_too()
    {
        byte[] file = Idx(0x0801, [3], [7, 8, 9]);
        IdxArray array = IdxReader.Read(new ForwardOnlyStream(Gzip(file)), "labels stream");
        Assert.Equal(new byte[] { 7, 8, 9 }, array.Data.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(15)]
    public void Truncated_header_names_the_file_and_the_missing_bytes(int length)
    {
        byte[] full = Idx(0x0803, [2, 2, 2], new byte[8]);
        string path = Write("short.idx", full[..length]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains("truncated header", e.Message);
        Assert.Contains(length < 4 ? $"has {length} byte(s)" : $"ends after {length} byte(s)", e.Message);
    }

    [Fact]
    public void Truncated_data_says_how_many_bytes_were_expected_and_found()
    {
        string path = Write("cut.idx", Idx(0x0803, [2, 2, 2], new byte[8])[..(16 + 5)]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"'{path}': truncated data: the header declares [2, 2, 2] = 8 element byte(s) after the 16-byte header; the file has 5.", e.Message);
    }

    [Fact]
    public void Truncated_gzip_file_is_reported_as_truncated_or_corrupt()
    {
        byte[] gz = File.ReadAllBytes(TestFiles.Mnist("test-labels-idx1-ubyte.gz"));
        string path = Write("cut.gz", gz[..(gz.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.StartsWith($"'{path}': ", e.Message);
        Assert.True(e.Message.Contains("truncated data", StringComparison.Ordinal) || e.Message.Contains("gzip data is corrupt", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Bytes_after_the_data_are_rejected()
    {
        string path = Write("long.idx", Idx(0x0801, [2], [1, 2, 3]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains("unexpected bytes after the data", e.Message);
        Assert.Contains("[2] = 2 element byte(s)", e.Message);
    }

    [Fact]
    public void Wrong_magic_number_is_rejected_with_expected_and_actual()
    {
        string path = Write("magic.idx", [0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 5]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Equal($"'{path}': magic number 0x12340801 is not an IDX magic number; expected 0x0000TTDD (TT the element type, DD the number of dimensions) (a label file has magic 0x00000801).", e.Message);
    }

    [Fact]
    public void Element_types_other_than_unsigned_byte_are_rejected()
    {
        string path = Write("floats.idx", Idx(0x0D01, [1], [0, 0, 0, 0]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains("magic number 0x00000D01 declares element type 0x0D (float32); expected 0x08 (unsigned byte)", e.Message);
    }

    [Fact]
    public void Wrong_number_of_dimensions_is_rejected()
    {
        var images = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(TestFiles.Mnist("test-labels-idx1-ubyte.gz")));
        Assert.Contains("magic number 0x00000801 declares 1 dimension(s); expected 3 (an image file has magic 0x00000803)", images.Message);
        Assert.Contains("test-labels-idx1-ubyte.gz'", images.Message);

        var labels = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(TestFiles.Mnist("test-images-idx3-ubyte.gz")));
        Assert.Contains("declares 3 dimension(s); expected 1 (a label file has magic 0x00000801)", labels.Message);

        string zero = Write("zero.idx", [0, 0, 8, 0]);
        Assert.Contains("declares 0 dimensions; expected at least 1", Assert.Throws<InvalidDataException>(() => IdxReader.Read(zero)).Message);
    }

    [Fact]
    public void Negative_and_oversized_dimensions_are_rejected_before_allocating()
    {
        string negative = Write("negative.idx", Idx(0x0802, [2, -1], []));
        Assert.Contains("dimension 1 has size -1; expected a size of 1 or more", Assert.Throws<InvalidDataException>(() => IdxReader.Read(negative)).Message);

        string huge = Write("huge.idx", Idx(0x0803, [60000, 60000, 28], []));
        Assert.Contains("hold more than", Assert.Throws<InvalidDataException>(() => IdxReader.Read(huge)).Message);
    }

    [Fact]
    public void Label_and_image_counts_must_match()
    {
        string images = TestFiles.Mnist("test-images-idx3-ubyte.gz");
        string labels = TestFiles.Mnist("train-labels-idx1-ubyte.gz");

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load<float>(images, labels));

        Assert.Equal($"'{labels}': holds 7000 labels; expected 1000, one for each image of '{images}'.", e.Message);
    }

    [Fact]
    public void Labels_that_are_not_digits_are_rejected()
    {
        string images = Write("images.idx", Idx(0x0803, [2, 1, 1], [0, 255]));
        string labels = Write("labels.idx", Idx(0x0801, [2], [3, 12]));
        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load<float>(images, labels));
        Assert.Equal($"'{labels}': label 1 is 12; expected a digit 0–9.", e.Message);
    }

    [Fact]
    public void A_small_hand_written_file_reads_exactly()
    {
        string images = Write("images.idx", Idx(0x0803, [2, 1, 3], [0, 51, 255, 102, 0, 0]));
        string labels = Write("labels.idx.gz", Gzip(Idx(0x0801, [2], [9, 0])));

        DataSet<double> data = Mnist.Load<double>(images, labels);

        Assert.Equal(3, data.InputCount);
        Assert.Equal(new[] { 0.0, 0.2, 1.0, 0.4, 0.0, 0.0 }, data.Inputs.ToArray());
        Assert.Equal(9, data.Label(0));
        Assert.Equal(0, data.Label(1));
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _scratch.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
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

    private static int Sum(ReadOnlySpan<byte> values)
    {
        int sum = 0;
        foreach (byte v in values) sum += v;
        return sum;
    }

    private static T Sum<T>(ReadOnlySpan<T> values) where T : System.Numerics.INumber<T>
    {
        T sum = T.Zero;
        foreach (T v in values) sum += v;
        return sum;
    }

    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
