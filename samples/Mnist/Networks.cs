
namespace NetGen.Samples.Mnist;

/// <summary>
/// The network of the backpropagation calculus lessons: 784 pixels, two hidden layers of 16 sigmoid neurons, 10 sigmoid
/// outputs (one per digit) and the squared-error cost C = Σ_j (a_j − y_j)². PyTorch equivalent:
/// <c>nn.Sequential(nn.Linear(784,16), nn.Sigmoid(), nn.Linear(16,16), nn.Sigmoid(), nn.Linear(16,10), nn.Sigmoid())</c>.
/// </summary>
[Network(Inputs = 784, Loss = Loss.SquaredError)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class MnistNet { }

/// <summary>
/// The better recipe: one wider hidden layer and a softmax output with the cross-entropy cost, whose gradient
/// ∂C/∂z = a − y does not vanish when an output neuron saturates. PyTorch equivalent:
/// <c>nn.Sequential(nn.Linear(784,100), nn.Sigmoid(), nn.Linear(100,10), nn.Softmax(dim=-1))</c>.
/// </summary>
[Network(Inputs = 784, Loss = Loss.CrossEntropy)]
[Dense(100, Activation.Sigmoid)]
[Dense(10, Activation.Softmax)]
public partial class MnistSoftmaxNet { }
