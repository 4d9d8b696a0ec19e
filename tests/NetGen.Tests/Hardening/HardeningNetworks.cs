
// Networks of the hardening tests (issue 9): each reproduces a class of defect that once crashed or gave silent results.
namespace NetGen.Tests.Hardening;

/// <summary>A million-neuron layer: 3 million parameters, far below NG0014's limit. Backward and TrainBatch used to
/// stackalloc its z, a and ∂C/∂z (12 MB) and kill the process with a stack overflow.</summary>
[Network(Inputs = 1)]
[Dense(1000000, Activation.ReLU)]
[Dense(1, Activation.Identity)]
public partial class MillionWide { }

/// <summary>Every element-wise activation, narrow enough for the lane form of TrainBatch, float.</summary>
[Network(Inputs = 2)]
[Dense(3, Activation.ReLU)]
[Dense(3, Activation.LeakyReLU)]
[Dense(3, Activation.Softplus)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Dense(2, Activation.Identity)]
public partial class EveryActivationF { }

/// <summary>A ReLU layer wide enough for the loop form (not written out), with a softmax head.</summary>
[Network(Inputs = 20, Loss = Loss.CrossEntropy)]
[Dense(16, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class WideReluSoftmaxF { }

/// <summary>Softmax with cross-entropy in double, for targets that do not sum to 1.</summary>
[Network(Inputs = 3, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class CrossEntropyD { }

/// <summary>The same with 40 classes, where the cost is a loop rather than a line per class.</summary>
[Network(Inputs = 3, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(40, Activation.Softmax)]
public partial class CrossEntropyWideD { }

/// <summary>Large enough that one TrainBatch of 512 rows takes tens of milliseconds, for the concurrency test.</summary>
[Network(Inputs = 784)]
[Dense(300, Activation.ReLU)]
[Dense(10, Activation.Sigmoid)]
public partial class SlowToTrain { }
