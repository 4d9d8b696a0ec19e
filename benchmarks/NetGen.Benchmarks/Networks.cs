
namespace NetGen.Benchmarks;

[Network(Inputs = 2)]
[Dense(4, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class Net2_4_1 { }

[Network(Inputs = 1)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class Net1_32_32_1 { }

[Network(Inputs = 784)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Net784_16_16_10 { }

[Network(Inputs = 784)]
[Dense(128, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Net784_128_10 { }
