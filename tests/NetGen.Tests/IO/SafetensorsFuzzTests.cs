using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.IO;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>
/// Malformed safetensors files: every one is refused with an <see cref="InvalidDataException"/> that names the file (or,
/// for a well-formed file of other tensors, the documented <see cref="ArgumentException"/> naming the network), and the
/// network keeps its parameters.
/// </summary>
public sealed class SafetensorsFuzzTests : IDisposable
{
    private readonly ScratchFolder _scratch = TestFiles.Scratch();
    private readonly ITestOutputHelper _output;

    public SafetensorsFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _scratch.Dispose();

    // The header Save writes for TinyNet (2-3-1), without metadata: the data buffer is 52 bytes, 13 floats.
    private const string Valid =
        "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]}," +
        "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}," +
        "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,3],\"data_offsets\":[36,48]}," +
        "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[48,52]}}";

    public static TheoryData<string, string, int, string> MalformedHeaders => new()
    {
        // What the issue found: offsets that are not numbers, invalid UTF-8, overlapping data.
        { "string offsets", Valid.Replace("[24,36]", "[\"24\",\"36\"]"), 52, "tensor '0.bias' has data_offsets [\"24\",\"36\"]; expected whole numbers 0 <= begin <= end" },
        { "null offset", Valid.Replace("[24,36]", "[24,null]"), 52, "tensor '0.bias' has data_offsets [24,null]; expected whole numbers 0 <= begin <= end" },
        { "fractional offset", Valid.Replace("[24,36]", "[24,36.0]"), 52, "tensor '0.bias' has data_offsets [24,36.0]; expected whole numbers 0 <= begin <= end" },
        { "exponent offset", Valid.Replace("[24,36]", "[2.4e1,36]"), 52, "tensor '0.bias' has data_offsets [2.4e1,36]; expected whole numbers 0 <= begin <= end" },
        { "negative offset", Valid.Replace("[0,24]", "[-24,0]"), 52, "tensor '0.weight' has data_offsets [-24,0]; expected whole numbers 0 <= begin <= end" },
        { "offset beyond long", Valid.Replace("[48,52]", "[48,99999999999999999999]"), 52, "tensor '2.bias' has data_offsets [48,99999999999999999999]; expected whole numbers 0 <= begin <= end" },
        { "three offsets", Valid.Replace("[48,52]", "[48,52,56]"), 52, "tensor '2.bias' has a JSON array as data_offsets; expected an array [begin, end]" },
        { "object offsets", Valid.Replace("[48,52]", "{\"begin\":48}"), 52, "tensor '2.bias' has a JSON object as data_offsets; expected an array [begin, end]" },
        { "invalid UTF-8", Valid.Replace("2.bias", "2.b\u00FFas"), 52, "header is not valid UTF-8 (first bad byte at offset " },
        { "overlap", Valid.Replace("[36,48]", "[32,44]").Replace("[48,52]", "[44,48]"), 52, "tensor '2.weight' has data_offsets [32, 44], which overlap tensor '0.bias' ending at 36" },
        { "gap", Valid.Replace("[36,48]", "[40,52]").Replace("[48,52]", "[52,56]"), 56, "tensor '2.weight' has data_offsets [40, 52], which leave bytes 36 to 40 of the data unused after tensor '0.bias'" },
        { "gap at the start", Valid.Replace("[0,24]", "[4,28]").Replace("[24,36]", "[28,40]").Replace("[36,48]", "[40,52]").Replace("[48,52]", "[52,56]"), 56, "tensor '0.weight' has data_offsets [4, 28], which leave bytes 0 to 4 of the data unused;" },
        { "bytes after the data", Valid, 60, "the data has 60 bytes but the tensors cover 52; expected the tensors to cover the data exactly" },
        { "truncated data", Valid, 50, "truncated data: tensor '2.bias' ends at byte 52 of the data; the data has 50 bytes" },
        { "unknown dtype", Valid.Replace("{\"dtype\":\"F32\",\"shape\":[3]", "{\"dtype\":\"F33\",\"shape\":[3]"), 52, "tensor '0.bias' has dtype \"F33\"; expected a safetensors dtype (BOOL, U8" },
        { "numeric dtype", Valid.Replace("{\"dtype\":\"F32\",\"shape\":[3]", "{\"dtype\":32,\"shape\":[3]"), 52, "tensor '0.bias' has a JSON number as dtype; expected a string such as \"F32\"" },
        { "shape of strings", Valid.Replace("[3,2]", "[\"3\",2]"), 52, "tensor '0.weight' has shape [\"3\",2]; expected sizes that are whole numbers from 0 to 2147483647" },
        { "negative size", Valid.Replace("[3,2]", "[-3,2]"), 52, "tensor '0.weight' has shape [-3,2]; expected sizes" },
        { "tensor twice", Valid.Replace("\"2.weight\"", "\"0.bias\""), 52, "tensor '0.bias' appears twice in the header; expected each name once" },
        { "tensor not an object", Valid.Replace("\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[48,52]}", "\"2.bias\":[48,52]"), 52, "tensor '2.bias' is a JSON array; expected an object with dtype, shape and data_offsets" },
        { "metadata twice", "{\"__metadata__\":{},\"__metadata__\":{}," + Valid[1..], 52, "'__metadata__' appears twice in the header; expected it at most once" },
        { "metadata key twice", "{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}," + Valid[1..], 52, "'__metadata__.a' appears twice; expected each key once" },
        { "metadata null", "{\"__metadata__\":null," + Valid[1..], 52, "'__metadata__' is a JSON null; expected an object of strings" },
        { "metadata number", "{\"__metadata__\":{\"epochs\":3}," + Valid[1..], 52, "'__metadata__.epochs' is a JSON number; expected a string" },
        { "header a string", "\"F32\"", 52, "the header is a JSON string; expected an object of tensors" },
        { "header empty", "", 52, "the header is not valid JSON" },
        { "header too deep", "{\"a\":" + new string('[', 20) + new string(']', 20) + "}", 52, "the header is not valid JSON" },
        { "trailing comma", Valid[..^1] + ",}", 52, "the header is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void Malformed_files_are_InvalidDataException_naming_the_file_and_the_problem(string what, string header, int dataBytes, string problem)
    {
        string path = Write(what.Replace(' ', '-') + ".safetensors", Encoding.UTF8.GetBytes(header.Replace("\u00FF", "\uFFFF")), dataBytes, header.Contains('\u00FF'));
        var network = new TinyNet();
        network.InitializeParameters(11);
        float[] before = network.Parameters.ToArray();

        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(network, path));

        Assert.StartsWith($"'{path}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Overlapping_tensors_of_the_right_names_and_shapes_are_refused()
    {
        // 0.bias [3] and 2.weight [1,3] are both 12 bytes: the header can point both at the same range.
        string header = Valid.Replace("[36,48]", "[24,36]").Replace("[48,52]", "[36,40]");
        string path = Write("shared.safetensors", Encoding.UTF8.GetBytes(header), 40, invalidUtf8: false);
        var network = new TinyNet();
        float[] before = network.Parameters.ToArray();

        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(network, path));

        Assert.Equal($"'{path}': tensor '2.weight' has data_offsets [24, 36], which overlap tensor '0.bias' ending at 36; expected each tensor's data to start where the one before ends.", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    /// <summary>
    /// Mutation fuzzing of a real saved file: deterministic (seeded) bit flips in the length field, the header and the
    /// data, truncation at every length, header-length changes, appended bytes and random byte runs. Each load must either
    /// succeed with exactly the parameters the (possibly flipped) data holds, or throw InvalidDataException naming the
    /// file — or, where a flip turned a name, dtype or shape into another well-formed one, the documented
    /// ArgumentException of a file that does not fit the network. After any failure the parameters are unchanged.
    /// </summary>
    [Fact]
    public void Mutated_files_load_exactly_or_fail_with_InvalidDataException_and_change_nothing()
    {
        var saved = new TinyNet();
        saved.InitializeParameters(3);
        string original = _scratch.File("original.safetensors");
        Safetensors.Save(saved, original, new Dictionary<string, string> { ["epochs"] = "12", ["note"] = "fuzz" });
        byte[] valid = File.ReadAllBytes(original);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        int dataStart = 8 + headerLength;
        Assert.Equal(dataStart + 4 * TinyNet.ParameterCount, valid.Length);

        var random = new Random(20261203);
        var cases = new List<(string What, byte[] Bytes)>();
        for (int bit = 0; bit < 64; bit++) cases.Add(($"length bit {bit}", Flip(valid, bit / 8, bit % 8)));
        for (int i = 0; i < 250; i++)
        {
            int at = random.Next(8, dataStart);
            cases.Add(($"header bit {at}:{i % 8}", Flip(valid, at, random.Next(8))));
        }
        for (int i = 0; i < 60; i++)
        {
            int at = random.Next(dataStart, valid.Length);
            cases.Add(($"data bit {at}", Flip(valid, at, random.Next(8))));
        }
        for (int length = 0; length < valid.Length; length++) cases.Add(($"truncated to {length}", valid[..length]));
        foreach (long delta in new long[] { -9, -8, -7, -3, -1, 1, 2, 7, 8, 52, 53 })
            cases.Add(($"header length {delta:+0;-0}", WithHeaderLength(valid, (ulong)(headerLength + delta))));
        foreach (ulong length in new[] { 0UL, 1UL, 100_000_000UL, 100_000_001UL, (ulong)long.MaxValue, ulong.MaxValue, 1UL << 63 })
            cases.Add(($"header length {length}", WithHeaderLength(valid, length)));
        for (int extra = 1; extra <= 8; extra++) cases.Add(($"{extra} byte(s) appended", [.. valid, .. new byte[extra]]));
        for (int i = 0; i < 100; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            int at = random.Next(bytes.Length), run = Math.Min(1 + random.Next(16), bytes.Length - at);
            random.NextBytes(bytes.AsSpan(at, run));
            cases.Add(($"random run of {run} at {at}", bytes));
        }

        int loaded = 0, invalid = 0, mismatched = 0;
        string path = _scratch.File("mutated.safetensors");
        var network = new TinyNet();
        foreach ((string what, byte[] bytes) in cases)
        {
            File.WriteAllBytes(path, bytes);
            network.InitializeParameters(99);
            float[] before = network.Parameters.ToArray();
            Exception? e = Record.Exception(() => Safetensors.Load(network, path));
            switch (e)
            {
                case null:
                    // A flip in the data, or in a metadata string: the data is where it was, and the parameters are exactly
                    // the floats it holds (a header that loaded with the data shifted would fail here).
                    Assert.True(bytes.Length == valid.Length && bytes.AsSpan(0, 8).SequenceEqual(valid.AsSpan(0, 8)), $"{what}: loaded with another layout");
                    for (int k = 0; k < TinyNet.ParameterCount; k++)
                        Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(dataStart + 4 * k)), BitConverter.SingleToInt32Bits(network.Parameters[k]));
                    loaded++;
                    break;
                case InvalidDataException:
                    Assert.True(e.Message.StartsWith($"'{path}': ", StringComparison.Ordinal), $"{what}: {e.Message}");
                    Assert.Equal(before, network.Parameters.ToArray());
                    invalid++;
                    break;
                case ArgumentException a when a.GetType() == typeof(ArgumentException) && a.ParamName == "network":
                    Assert.True(a.Message.StartsWith($"'{path}' does not fit the network: tensor '", StringComparison.Ordinal), $"{what}: {a.Message}");
                    Assert.Equal(before, network.Parameters.ToArray());
                    mismatched++;
                    break;
                default:
                    Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
                    break;
            }
        }

        _output.WriteLine($"{cases.Count} mutated files: {loaded} loaded, {invalid} InvalidDataException, {mismatched} do not fit the network");
        Assert.Equal(cases.Count, loaded + invalid + mismatched);
        Assert.True(cases.Count > 500, $"{cases.Count} cases");
        Assert.True(loaded >= 60 && invalid > 300, $"{loaded} loaded, {invalid} invalid");
    }

    [Fact]
    public void A_save_that_fails_names_the_target_not_the_temporary_file()
    {
        var network = new TinyNet();
        string missingFolder = Path.Combine(_scratch.Path, "no-such-folder");
        string path = Path.Combine(missingFolder, "weights.safetensors");

        var e = Assert.Throws<DirectoryNotFoundException>(() => Safetensors.Save(network, path));

        Assert.Equal($"Cannot save '{path}': the folder '{missingFolder}' does not exist.", e.Message);

        // A folder where the file should go: the rename fails, and the message names the target.
        string folder = _scratch.File("a-folder");
        Directory.CreateDirectory(folder);
        var io = Assert.ThrowsAny<IOException>(() => Safetensors.Save(network, folder));
        Assert.StartsWith($"Cannot save '{folder}': ", io.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", io.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { folder }, Directory.GetFileSystemEntries(_scratch.Path));
    }

    private static byte[] Flip(byte[] bytes, int index, int bit)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }

    private static byte[] WithHeaderLength(byte[] bytes, ulong length)
    {
        byte[] copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
        return copy;
    }

    private string Write(string name, byte[] header, int dataBytes, bool invalidUtf8)
    {
        if (invalidUtf8)
        {
            // U+FFFF encodes as EF BF BF; make its first byte 0xFF, which never occurs in UTF-8.
            int at = header.AsSpan().IndexOf([(byte)0xEF, (byte)0xBF, (byte)0xBF]);
            header = [.. header[..at], 0xFF, .. header[(at + 3)..]];
        }
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        for (int i = 0; i < dataBytes; i++) bytes[8 + header.Length + i] = (byte)(i * 7);
        string path = _scratch.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
