
namespace NetGen.Tests.Performance;

// The networks of the performance tests, float32 like the benchmarks: the MNIST-sized ones whose methods must stay
// within what the JIT fully optimises, and a small one that TrainBatch runs in SIMD lanes.

/// <summary>784-128-10 sigmoid: wide layers only (SIMD loops).</summary>
[Network(Inputs = 784)]
[Dense(128, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Perf784_128_10 { }

/// <summary>784-300-100-10 sigmoid (LeCun's MNIST MLP): the largest network of the issue.</summary>
[Network(Inputs = 784)]
[Dense(300, Activation.Sigmoid)]
[Dense(100, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Perf784_300_100_10 { }

/// <summary>784-16-16-10 sigmoid: a wide first layer, then a 16×16 layer at the straight-line limit.</summary>
[Network(Inputs = 784)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Perf784_16_16_10 { }

/// <summary>2-4-1 sigmoid: straight-line code, TrainBatch in SIMD lanes.</summary>
[Network(Inputs = 2)]
[Dense(4, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class Perf2_4_1 { }
