using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;

namespace NetGen.IO;

/// <summary>
/// Saves and loads a network's parameters in the safetensors format (Hugging Face): an 8-byte little-endian header
/// length N, N bytes of UTF-8 JSON describing each tensor (<c>dtype</c>, <c>shape</c>, <c>data_offsets</c> into the data
/// buffer) and an optional <c>__metadata__</c> object of strings, then the raw little-endian tensor data.
/// </summary>
/// <remarks>
/// <para>The tensors are named like the state dict of the equivalent PyTorch model, so weights move between NetGen and
/// PyTorch (see <see cref="TensorsOf"/>): each dense layer has a <c>weight</c> [outputs, inputs] and a <c>bias</c>
/// [outputs] tensor, each convolution a <c>weight</c> [filters, in_channels, kH, kW] and a <c>bias</c> [filters], the same
/// row-major layout as <see cref="NetworkSpec"/>'s parameter vector.</para>
/// <para>Loading checks every name, dtype, shape and offset and the file length before it writes a single parameter, so a
/// file that does not fit leaves the network unchanged. Saving writes a temporary file beside the target and renames it
/// over the target, so a failure never leaves a half-written file in place of a good one.</para>
/// <para>Thread safety: stateless; saves and loads of different networks and files may run at once. Save reads the
/// network's Parameters and Load writes them (once, after every check), so neither may run while the same network is
/// trained or loaded elsewhere. Saves to the same path on two threads each write their own temporary file and the last
/// rename wins: the file is always complete.</para>
/// </remarks>
public static class Safetensors
{
    /// <summary>The key of the optional string-to-string metadata object in the header.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header this reader accepts (100 MB, the limit of the reference implementation).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>
    /// The tensors of a network's parameters: for a sequential network the names of PyTorch's <c>nn.Sequential</c>
    /// state dict, where each <c>nn.Linear</c> and <c>nn.Conv2d</c> is a module, each activation other than Identity is
    /// the next module, each pooling layer is a module (<c>nn.MaxPool2d</c>, <c>nn.AvgPool2d</c>,
    /// <c>nn.AdaptiveAvgPool2d(1)</c>) and an <c>nn.Flatten</c> module comes before the first dense layer that reads an
    /// image (784-16-16-10 sigmoid: <c>0.weight</c> [16, 784], <c>0.bias</c> [16], <c>2.weight</c>, <c>2.bias</c>,
    /// <c>4.weight</c>, <c>4.bias</c>; 1×28×28 → Conv(8, 5×5, ReLU, padding 2) → MaxPool(2) → Conv(16, 5×5, ReLU) →
    /// MaxPool(2) → Dense(10): <c>0.weight</c> [8, 1, 5, 5], <c>0.bias</c>, <c>3.weight</c> [16, 8, 5, 5], <c>3.bias</c>,
    /// <c>7.weight</c> [10, 400], <c>7.bias</c>); for any other graph <c>{layer name}.weight</c> and
    /// <c>{layer name}.bias</c>. A dense weight is [outputs, inputs], a convolution's [filters, in_channels, kH, kW].
    /// </summary>
    public static IReadOnlyList<TensorInfo> TensorsOf(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tensors = new List<TensorInfo>(2 * spec.Layers.Count);
        bool sequential = spec.IsSequential;
        bool flat = !spec.Inputs[0].IsImage;   // in a chain, whether the values reaching the next layer are a vector
        int module = 0;
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            if (layer.Kind == LayerKind.Dense && !flat)
            {
                module++;   // nn.Flatten() before the first nn.Linear that reads an image
                flat = true;
            }
            if (spec.LayerParameterCount(l) == 0)
            {
                module++;   // a pooling is a module without parameters (a sum has none and is no module of a chain)
                continue;
            }
            string prefix = sequential ? module.ToString(CultureInfo.InvariantCulture) : layer.Name;
            int[] shape = layer.Kind == LayerKind.Conv
                ? [layer.Filters, spec.InputChannels(l), layer.KernelHeight, layer.KernelWidth]
                : [layer.Size, spec.FanIn(l)];
            tensors.Add(new TensorInfo(prefix + ".weight", shape, spec.WeightOffset(l)));
            tensors.Add(new TensorInfo(prefix + ".bias", [shape[0]], spec.BiasOffset(l)));
            module += layer.Activation == Activation.Identity ? 1 : 2;
        }
        return tensors;
    }

    /// <summary>The safetensors dtype of <typeparamref name="T"/>: <c>F32</c> for <see cref="float"/>, <c>F64</c> for <see cref="double"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is another type.</exception>
    public static string DtypeOf<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? "F32"
        : typeof(T) == typeof(double) ? "F64"
        : throw new NotSupportedException($"Parameters of type {typeof(T).Name} have no safetensors dtype here; expected float (F32) or double (F64).");

    /// <summary>
    /// Writes the parameters of <paramref name="network"/> to <paramref name="path"/>, through a temporary file in the
    /// same folder renamed over <paramref name="path"/> at the end.
    /// </summary>
    /// <param name="network">The network whose parameters are saved.</param>
    /// <param name="path">The file to write; an existing file is replaced only once the new one is complete.</param>
    /// <param name="metadata">Strings stored under <c>__metadata__</c>, beside <c>format: pt</c> and the network's description.</param>
    public static void Save<T>(INetwork<T> network, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string dtype = DtypeOf<T>();
        int elementSize = Unsafe.SizeOf<T>();
        NetworkGuard.CheckLength(network.Parameters.Length, network.Spec.ParameterCount, "network.Parameters");
        IReadOnlyList<TensorInfo> tensors = TensorsOf(network.Spec);
        byte[] header = WriteHeader(network.Spec, tensors, dtype, elementSize, metadata);

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                file.Write(length);
                file.Write(header);
                byte[] buffer = new byte[elementSize * 4096];
                foreach (TensorInfo tensor in tensors)
                {
                    for (int done = 0; done < tensor.ElementCount;)
                    {
                        int count = Math.Min(4096, tensor.ElementCount - done);
                        ReadOnlySpan<T> values = network.Parameters.Slice(tensor.ParameterOffset + done, count);
                        for (int i = 0; i < count; i++) WriteLittleEndian(buffer.AsSpan(i * elementSize), values[i]);
                        file.Write(buffer, 0, count * elementSize);
                        done += count;
                    }
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            // The temporary file is an implementation detail: an error of the file system about it (or about the rename)
            // is reported about the file asked for. Other failures (the network's own) pass unchanged.
            if (e is IOException or UnauthorizedAccessException
                && (e.Message.Contains(temporary, StringComparison.Ordinal) || e.Message.Contains(fullPath, StringComparison.Ordinal)))
                throw SaveFailure(e, path, fullPath, temporary, folder);
            throw;
        }
    }

    private static Exception SaveFailure(Exception e, string path, string fullPath, string temporary, string folder)
    {
        string message = e switch
        {
            DirectoryNotFoundException => $"Cannot save '{path}': the folder '{folder}' does not exist.",
            UnauthorizedAccessException => $"Cannot save '{path}': access to the file or to its folder '{folder}' is denied.",
            _ => $"Cannot save '{path}': {e.Message.Replace(temporary, fullPath, StringComparison.Ordinal)}",
        };
        return e switch
        {
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            PathTooLongException => new PathTooLongException(message, e),
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            _ => new IOException(message, e),
        };
    }

    /// <summary>Reads the parameters of <paramref name="network"/> from <paramref name="path"/>.</summary>
    /// <returns>The file's <c>__metadata__</c> strings (empty when it has none).</returns>
    /// <exception cref="InvalidDataException">The file is not valid safetensors: a truncated or malformed header (not UTF-8,
    /// not a JSON object, a name twice, a field of the wrong kind, an unknown dtype, offsets that are not two whole numbers
    /// 0 ≤ begin ≤ end), offsets inconsistent with the shape, data ranges that overlap, leave a gap or do not end where
    /// the file does (the format asks the tensors to cover the data buffer exactly), data shorter than the header says.
    /// The message names the file, the tensor, what was expected and what was found. The network is unchanged.</exception>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when it does not exist).</exception>
    /// <exception cref="ArgumentException">The file is valid but holds other tensors than <paramref name="network"/> has:
    /// a missing or unexpected name, another dtype or shape. The message names the tensor, the expected and the actual.
    /// The network is unchanged.</exception>
    public static IReadOnlyDictionary<string, string> Load<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string dtype = DtypeOf<T>();
        int elementSize = Unsafe.SizeOf<T>();
        IReadOnlyList<TensorInfo> expected = TensorsOf(network.Spec);

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long fileLength = file.Length;
        Span<byte> lengthBytes = stackalloc byte[8];
        int read = file.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false);
        if (read < 8)
            throw Invalid(path, $"the file has {read} byte(s); expected at least 8 (the little-endian header length)");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
            throw Invalid(path, $"the header length is {headerLength} bytes; expected at most {MaxHeaderLength}");
        if ((long)headerLength > fileLength - 8)
            throw Invalid(path, $"the header length is {headerLength} bytes, beyond the end of the file: expected at most {fileLength - 8} (the file has {fileLength} bytes)");
        byte[] header = new byte[headerLength];
        file.ReadExactly(header);
        long dataLength = fileLength - 8 - (long)headerLength;

        var entries = ParseHeader(path, header, out Dictionary<string, string> metadata);

        // Check the file against the network, every tensor, before any parameter is touched.
        var byName = expected.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (string name in entries.Keys)
            if (!byName.ContainsKey(name))
                throw Mismatch(path, $"tensor '{name}' is not a parameter of this network; expected only {string.Join(", ", expected.Select(t => $"'{t.Name}'"))}");
        foreach (TensorInfo tensor in expected)
        {
            if (!entries.TryGetValue(tensor.Name, out HeaderEntry entry))
                throw Mismatch(path, $"tensor '{tensor.Name}' is missing; expected {dtype} {Shape(tensor.Shape)}");
            if (entry.Dtype != dtype)
                throw Mismatch(path, $"tensor '{tensor.Name}' has dtype {entry.Dtype}; expected {dtype}");
            if (!entry.Shape.SequenceEqual(tensor.Shape))
                throw Mismatch(path, $"tensor '{tensor.Name}' has shape {Shape(entry.Shape)}; expected {Shape(tensor.Shape)}");
            long bytes = (long)tensor.ElementCount * elementSize;
            if (entry.End - entry.Begin != bytes)
                throw Invalid(path, $"tensor '{tensor.Name}' has data_offsets [{entry.Begin}, {entry.End}], {entry.End - entry.Begin} bytes; expected {bytes} ({tensor.ElementCount} × {elementSize}-byte {dtype})");
        }
        CheckCoverage(path, entries, dataLength);

        // Everything fits: decode into a staging copy, then copy into the network in one go.
        long dataStart = 8 + (long)headerLength;
        var staging = new T[network.Spec.ParameterCount];
        byte[] buffer = ArrayPool<byte>.Shared.Rent(elementSize * 4096);
        try
        {
            foreach (TensorInfo tensor in expected)
            {
                HeaderEntry entry = entries[tensor.Name];
                file.Position = dataStart + entry.Begin;
                for (int done = 0; done < tensor.ElementCount;)
                {
                    int count = Math.Min(4096, tensor.ElementCount - done);
                    file.ReadExactly(buffer, 0, count * elementSize);
                    for (int i = 0; i < count; i++)
                        staging[tensor.ParameterOffset + done + i] = ReadLittleEndian<T>(buffer.AsSpan(i * elementSize));
                    done += count;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        NetworkGuard.CheckLength(network.Parameters.Length, staging.Length, "network.Parameters");
        staging.CopyTo(network.Parameters);
        return metadata;
    }

    private static byte[] WriteHeader(NetworkSpec spec, IReadOnlyList<TensorInfo> tensors, string dtype, int elementSize,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            json.WriteString("format", "pt");
            json.WriteString("netgen.spec", spec.ToString());
            if (metadata is not null)
            {
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (key is "format" or "netgen.spec") continue;
                    json.WriteString(key, value ?? throw new ArgumentException($"metadata['{key}'] is null; expected a string.", nameof(metadata)));
                }
            }
            json.WriteEndObject();
            long offset = 0;
            foreach (TensorInfo tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                long end = offset + (long)tensor.ElementCount * elementSize;
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        // Pad with spaces so that the data starts 8-byte aligned, as the reference writer does.
        int padded = (output.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[padded];
        output.WrittenSpan.CopyTo(header);
        header.AsSpan(output.WrittenCount).Fill((byte)' ');
        return header;
    }

    private readonly record struct HeaderEntry(string Dtype, int[] Shape, long Begin, long End);

    /// <summary>The dtypes of the safetensors format; a file with any other is malformed.</summary>
    private static readonly HashSet<string> KnownDtypes = new(StringComparer.Ordinal)
    {
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64",
        "U64", "C64", "F4", "F6_E2M3", "F6_E3M2",
    };

    /// <summary>
    /// The data buffer must be covered exactly: sorted by offset, each tensor starts where the one before ends (no
    /// overlap, no gap), the first at 0 and the last at the end of the file.
    /// </summary>
    private static void CheckCoverage(string path, Dictionary<string, HeaderEntry> entries, long dataLength)
    {
        var ranges = entries.OrderBy(e => e.Value.Begin).ThenBy(e => e.Value.End).ThenBy(e => e.Key, StringComparer.Ordinal).ToArray();
        foreach (var (name, entry) in ranges)
            if (entry.End > dataLength)
                throw Invalid(path, $"truncated data: tensor '{name}' ends at byte {entry.End} of the data; the data has {dataLength} bytes");
        long covered = 0;
        string? previous = null;
        foreach (var (name, entry) in ranges)
        {
            if (entry.Begin < covered)
                throw Invalid(path, $"tensor '{name}' has data_offsets [{entry.Begin}, {entry.End}], which overlap tensor '{previous}' ending at {covered}; expected each tensor's data to start where the one before ends");
            if (entry.Begin > covered)
                throw Invalid(path, $"tensor '{name}' has data_offsets [{entry.Begin}, {entry.End}], which leave bytes {covered} to {entry.Begin} of the data unused{(previous is null ? "" : $" after tensor '{previous}'")}; expected each tensor's data to start where the one before ends, the first at 0");
            covered = entry.End;
            previous = name;
        }
        if (covered != dataLength)
            throw Invalid(path, $"the data has {dataLength} bytes but the tensors cover {covered}; expected the tensors to cover the data exactly, up to the end of the file");
    }

    private static Dictionary<string, HeaderEntry> ParseHeader(string path, byte[] header, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new Dictionary<string, HeaderEntry>(StringComparer.Ordinal);
        if (!Utf8.IsValid(header))
            throw Invalid(path, $"the {header.Length}-byte header is not valid UTF-8 (first bad byte at offset {FirstInvalidUtf8(header)}); expected UTF-8 JSON");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"the header is not valid JSON ({e.Message}); expected an object of tensors", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(path, $"the header is a JSON {Kind(root)}; expected an object of tensors");
            bool sawMetadata = false;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                string name = property.Name;
                JsonElement value = property.Value;
                if (name == MetadataKey)
                {
                    if (sawMetadata)
                        throw Invalid(path, $"'{MetadataKey}' appears twice in the header; expected it at most once");
                    sawMetadata = true;
                    if (value.ValueKind != JsonValueKind.Object)
                        throw Invalid(path, $"'{MetadataKey}' is a JSON {Kind(value)}; expected an object of strings");
                    foreach (JsonProperty item in value.EnumerateObject())
                    {
                        if (item.Value.ValueKind != JsonValueKind.String)
                            throw Invalid(path, $"'{MetadataKey}.{item.Name}' is a JSON {Kind(item.Value)}; expected a string");
                        if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                            throw Invalid(path, $"'{MetadataKey}.{item.Name}' appears twice; expected each key once");
                    }
                    continue;
                }
                if (entries.ContainsKey(name))
                    throw Invalid(path, $"tensor '{name}' appears twice in the header; expected each name once");
                if (value.ValueKind != JsonValueKind.Object)
                    throw Invalid(path, $"tensor '{name}' is a JSON {Kind(value)}; expected an object with dtype, shape and data_offsets");

                if (!value.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String)
                    throw Invalid(path, $"tensor '{name}' has {Describe(value, "dtype")} dtype; expected a string such as \"F32\"");
                if (!KnownDtypes.Contains(dtype.GetString()!))
                    throw Invalid(path, $"tensor '{name}' has dtype {dtype.GetRawText()}; expected a safetensors dtype ({string.Join(", ", KnownDtypes)})");
                if (!value.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
                    throw Invalid(path, $"tensor '{name}' has {Describe(value, "shape")} shape; expected an array of sizes");
                var shape = new int[shapeElement.GetArrayLength()];
                int d = 0;
                foreach (JsonElement size in shapeElement.EnumerateArray())
                {
                    if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out int s) || s < 0)
                        throw Invalid(path, $"tensor '{name}' has shape {shapeElement.GetRawText()}; expected sizes that are whole numbers from 0 to {int.MaxValue}");
                    shape[d++] = s;
                }
                if (!value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
                    throw Invalid(path, $"tensor '{name}' has {Describe(value, "data_offsets")} data_offsets; expected an array [begin, end]");
                // TryGetInt64 accepts only a JSON number written as a whole number in range (not 1.0, 1e3, "8" or null).
                if (offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
                    || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
                    throw Invalid(path, $"tensor '{name}' has data_offsets {offsets.GetRawText()}; expected whole numbers 0 <= begin <= end");
                entries.Add(name, new HeaderEntry(dtype.GetString()!, shape, begin, end));
            }
        }
        return entries;

        static string Describe(JsonElement tensor, string property) =>
            tensor.TryGetProperty(property, out JsonElement value) ? "a JSON " + Kind(value) + " as" : "no";
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }
        return offset;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static string Shape(IReadOnlyList<int> shape) =>
        "[" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";

    private static void WriteLittleEndian<T>(Span<byte> destination, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) BinaryPrimitives.WriteSingleLittleEndian(destination, Unsafe.As<T, float>(ref value));
        else BinaryPrimitives.WriteDoubleLittleEndian(destination, Unsafe.As<T, double>(ref value));
    }

    private static T ReadLittleEndian<T>(ReadOnlySpan<byte> source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(source);
            return Unsafe.As<float, T>(ref value);
        }
        double wide = BinaryPrimitives.ReadDoubleLittleEndian(source);
        return Unsafe.As<double, T>(ref wide);
    }

    private static InvalidDataException Invalid(string path, string message, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{path}': {message}."), inner);

    private static ArgumentException Mismatch(string path, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{path}' does not fit the network: {message}."), "network");
}

/// <summary>One tensor of a network's parameters in a safetensors file.</summary>
/// <param name="Name">The tensor's name, such as <c>0.weight</c>.</param>
/// <param name="Shape">The tensor's shape: [outputs, inputs] for a dense weight, [filters, in_channels, kH, kW] for a
/// convolution's, [outputs] or [filters] for a bias.</param>
/// <param name="ParameterOffset">The index of its first element in the network's parameter vector.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record TensorInfo(string Name, IReadOnlyList<int> Shape, int ParameterOffset)
{
    /// <summary>The number of elements: the product of the shape.</summary>
    public int ElementCount
    {
        get
        {
            int count = 1;
            foreach (int d in Shape) count *= d;
            return count;
        }
    }
}
