using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// Nanoseconds per parameter (OperationsPerInvoke = the parameter count) of one optimizer step over the 101,770
/// parameters of 784-128-10, float32, one thread: the network's own plain step θ ← θ − η·g (the baseline, so Ratio is
/// "times the plain step"), then <see cref="Sgd{T}"/> without and with momentum, <see cref="Adam{T}"/>,
/// <see cref="AdamW{T}"/> and <see cref="RmsProp{T}"/> with their defaults, each updating the network's parameters from
/// the same fixed gradient. MemoryDiagnoser shows the bytes allocated per step: 0.
/// </summary>
[Config(typeof(NetGenConfig))]
public class OptimizerBenchmarks
{
    /// <summary>784·128 + 128 + 128·10 + 10.</summary>
    public const int ParameterCount = Net784_128_10.ParameterCount;

    private Net784_128_10 _network = null!;
    private float[] _gradient = null!;
    private Sgd<float> _sgd = null!, _sgdMomentum = null!;
    private Adam<float> _adam = null!;
    private AdamW<float> _adamW = null!;
    private RmsProp<float> _rmsProp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = new Net784_128_10 { MaxDegreeOfParallelism = 1 };
        // A gradient of the size a batch of 784-128-10 gives, uniform in ±5e-3: far from overflow and denormals, and the
        // adaptive optimizers' moments converge instead of decaying towards 0.
        var random = new Random(2);
        _gradient = new float[ParameterCount];
        for (int i = 0; i < _gradient.Length; i++) _gradient[i] = (float)(random.NextDouble() - 0.5) * 1e-2f;
        _sgd = new Sgd<float>(ParameterCount);
        _sgdMomentum = new Sgd<float>(ParameterCount) { Momentum = 0.9f };
        _adam = new Adam<float>(ParameterCount);
        _adamW = new AdamW<float>(ParameterCount);
        _rmsProp = new RmsProp<float>(ParameterCount);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ParameterCount)]
    public void NetworkStep() => _network.Step(_gradient, 1e-3f);

    [Benchmark(OperationsPerInvoke = ParameterCount)]
    public void Sgd() => _sgd.Step(_network.Parameters, _gradient);

    [Benchmark(OperationsPerInvoke = ParameterCount)]
    public void SgdMomentum() => _sgdMomentum.Step(_network.Parameters, _gradient);

    [Benchmark(OperationsPerInvoke = ParameterCount)]
    public void Adam() => _adam.Step(_network.Parameters, _gradient);

    [Benchmark(OperationsPerInvoke = ParameterCount)]
    public void AdamW() => _adamW.Step(_network.Parameters, _gradient);

    [Benchmark(OperationsPerInvoke = ParameterCount)]
    public void RmsProp() => _rmsProp.Step(_network.Parameters, _gradient);
}
