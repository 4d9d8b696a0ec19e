using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using Google.Protobuf;
using NetGen.IO;
using Onnx;

namespace NetGen;

/// <summary>
/// Exports a network — generated or <see cref="ReferenceNetwork{T}"/> — as a standard ONNX model (IR version 8,
/// opset 17) holding its graph and its current weights, for ONNX Runtime, Netron and any other ONNX tool.
/// </summary>
/// <remarks>
/// <para>The graph's inputs are named after the spec's inputs (<see cref="InputSpec.Name"/>), its outputs after the
/// output layers (<see cref="OutputSpec.Source"/>), in the spec's order; every input and output is a tensor of FLOAT
/// (<see cref="float"/> networks) or DOUBLE (<see cref="double"/>), [<see cref="BatchDimension"/>, size] for a vector and
/// [<see cref="BatchDimension"/>, channels, height, width] (NCHW) for an image, the first dimension symbolic, so that one
/// model runs one row or many.</para>
/// <para>Layers become nodes: a dense layer reads <c>Flatten(axis = 1)</c> of each image source and
/// <c>Concat(axis = 1)</c> of its sources if it has several, then <c>Gemm(x, W, b)</c> with transB = 1 and the
/// activation's node (Sigmoid, Tanh, Relu, LeakyRelu with alpha the layer's <see cref="LayerSpec.Slope"/>, Softplus,
/// Softmax with axis −1; Identity adds none); a convolution is <c>Concat(axis = 1)</c> of its sources if several (along
/// channels), then <c>Conv</c> (kernel_shape, strides, pads on every side, dilations 1, group 1) and its activation's
/// node; max and average pooling are <c>MaxPool</c> and <c>AveragePool</c> without padding, global average pooling is
/// <c>GlobalAveragePool</c>; a sum (<see cref="LayerKind.Add"/>) is a chain of <c>Add</c> nodes, of vectors or images.
/// The weights are initializers named like the PyTorch state dict, the same names and shapes as
/// <see cref="Safetensors.TensorsOf"/>: <c>0.weight</c> [16, 784] or [8, 1, 5, 5], <c>0.bias</c>, ... for a sequential
/// network, <c>{layer}.weight</c> and <c>{layer}.bias</c> for any other graph.</para>
/// </remarks>
public static class Onnx
{
    /// <summary>The ONNX IR version written: 8, the one that goes with opset 17.</summary>
    public const long IrVersion = 8;

    /// <summary>The version of the default (<c>ai.onnx</c>) operator set the model imports: 17.</summary>
    public const long OpsetVersion = 17;

    /// <summary>The model's <c>producer_name</c>.</summary>
    public const string ProducerName = "NetGen";

    /// <summary>The name of the symbolic first dimension of every input and output: the number of rows (examples).</summary>
    public const string BatchDimension = "batch";

    /// <summary>The metadata key under which the model keeps the network's one-line description (<see cref="NetworkSpec.ToString"/>).</summary>
    public const string SpecMetadataKey = "netgen.spec";

    /// <summary>
    /// Writes <paramref name="network"/> as an ONNX model to <paramref name="path"/>, through a temporary file in the same
    /// folder that is renamed over <paramref name="path"/> once complete: a failure never leaves a half-written model in
    /// place of a good one.
    /// </summary>
    /// <param name="network">The network; its spec gives the graph and its <see cref="INetwork{T}.Parameters"/> the weights.</param>
    /// <param name="path">The file to write (conventionally <c>*.onnx</c>); an existing file is replaced.</param>
    /// <exception cref="ArgumentException">The network cannot be exported (its parameter vector has the wrong length, an
    /// input has an empty name).</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="IOException">The file could not be written (<see cref="DirectoryNotFoundException"/> when its folder
    /// does not exist); the message names <paramref name="path"/>, and a file already there is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be written; the message names <paramref name="path"/>.</exception>
    public static void Save<T>(INetwork<T> network, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] model = ToBytes(network);   // every check of the network before the file system is touched

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(Failure(fullPath, $"the folder '{folder}' does not exist"));
        // ".{name}.{8 hex digits}.tmp", the name cut short so that a target name near the file system's limit still works.
        string name = Path.GetFileName(fullPath);
        string temporary = Path.Combine(folder, "." + name[..Math.Min(name.Length, 100)] + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                file.Write(model);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporary);
            if (Directory.Exists(fullPath))
                throw new IOException(Failure(fullPath, "it is a folder; expected the path of a file"), e);
            throw e switch
            {
                DirectoryNotFoundException => new DirectoryNotFoundException(Failure(fullPath, e.Message), e),
                UnauthorizedAccessException => new UnauthorizedAccessException(Failure(fullPath, e.Message), e),
                _ => new IOException(Failure(fullPath, e.Message), e),
            };
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }

        static void DeleteQuietly(string file)
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/> (see <see cref="Save{T}(INetwork{T}, string)"/>).</summary>
    /// <exception cref="ArgumentException">The network cannot be exported; nothing is written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Save<T>(INetwork<T> network, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        ToModel(network).WriteTo(stream);
    }

    /// <summary>The ONNX model of <paramref name="network"/>, serialized (see <see cref="Save{T}(INetwork{T}, string)"/>).</summary>
    /// <exception cref="ArgumentException">The network cannot be exported.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static byte[] ToBytes<T>(INetwork<T> network) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        return ToModel(network).ToByteArray();
    }

    private static ModelProto ToModel<T>(INetwork<T> network) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NetworkSpec spec = network.Spec ?? throw new ArgumentException("network.Spec is null; expected the network's description.", nameof(network));
        NetworkGuard.CheckLength(network.Parameters.Length, spec.ParameterCount, "network.Parameters");
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(Onnx).Assembly.GetName().Version?.ToString(3) ?? "",
            DocString = spec.ToString(),
            Graph = OnnxGraphBuilder<T>.Build(spec, network.Parameters),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        model.MetadataProps.Add(new StringStringEntryProto { Key = SpecMetadataKey, Value = spec.ToString() });
        return model;
    }

    /// <summary>The ONNX element type of <typeparamref name="T"/>: FLOAT (1) or DOUBLE (11).</summary>
    internal static TensorProto.Types.DataType ElementTypeOf<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? TensorProto.Types.DataType.Float
        : typeof(T) == typeof(double) ? TensorProto.Types.DataType.Double
        : throw new NotSupportedException($"Networks of {typeof(T).Name} have no ONNX export; expected float (FLOAT) or double (DOUBLE).");

    private static string Failure(string path, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"Could not save the ONNX model to '{path}': {reason.TrimEnd('.')}.");
}
