namespace NetGen;

/// <summary>The function σ a layer applies to its weighted sums: a = σ(z).</summary>
public enum Activation
{
    /// <summary>a = z; ∂a/∂z = 1.</summary>
    Identity = 0,
    /// <summary>The logistic function a = 1 / (1 + e^−z); ∂a/∂z = a(1 − a).</summary>
    Sigmoid = 1,
    /// <summary>a = tanh z; ∂a/∂z = 1 − a².</summary>
    Tanh = 2,
    /// <summary>a = max(0, z); ∂a/∂z = 1 for z &gt; 0, else 0.</summary>
    ReLU = 3,
    /// <summary>a = z for z &gt; 0, else s·z with the slope s = 0.01 (or the layer's <see cref="LayerSpec.Slope"/>, which an
    /// imported model may set); ∂a/∂z = 1 or s.</summary>
    LeakyReLU = 4,
    /// <summary>a = ln(1 + e^z); ∂a/∂z = σ(z), the logistic function.</summary>
    Softplus = 5,
    /// <summary>a_j = e^(z_j) / Σ_i e^(z_i) over the layer (last layer only); ∂a_i/∂z_j = a_i(δ_ij − a_j).</summary>
    Softmax = 6,
}

/// <summary>The cost C of one training example, from the network's output a and the target y.</summary>
public enum Loss
{
    /// <summary>C = Σ_j (a_j − y_j)², the cost of the backpropagation calculus (no ½); ∂C/∂a_j = 2(a_j − y_j).
    /// The same as PyTorch's <c>MSELoss(reduction="sum")</c>.</summary>
    SquaredError = 0,
    /// <summary>C = −Σ_j y_j ln(a_j), for a Softmax output (PyTorch's <c>CrossEntropyLoss(reduction="sum")</c> on the
    /// logits z). It is computed in log-softmax form, ln a_j = z_j − ln Σ_i e^(z_i), so saturated outputs give a finite
    /// cost, and its gradient is ∂C/∂z_j = a_j·Σ_i y_i − y_j, exact for any targets: a_j − y_j when they sum to 1
    /// (one-hot or a probability distribution), and the right derivative of C too when they do not (label weights,
    /// unnormalised counts).</summary>
    CrossEntropy = 1,
    /// <summary>C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], binary cross-entropy, for a Sigmoid output and targets in
    /// [0, 1] (PyTorch's <c>BCELoss(reduction="sum")</c>, or <c>BCEWithLogitsLoss</c> on the logits). It is computed
    /// from the logits, C = Σ_j [softplus(z_j) − y_j·z_j], so an output that rounds to 0 or 1 gives a finite cost; its
    /// gradient is ∂C/∂z_j = a_j − y_j (σ'(z) = a(1 − a) times ∂C/∂a = (a − y)/(a(1 − a))).</summary>
    BinaryCrossEntropy = 2,
    /// <summary>PyTorch's <c>HuberLoss(delta=1, reduction="sum")</c>: C = Σ_j h(a_j − y_j) with h(d) = d²/2 where |d| &lt; 1,
    /// else |d| − 1/2 — squared error near the target, absolute error far from it, so outliers pull less; any output
    /// activation. ∂C/∂a_j = a_j − y_j clamped to [−1, 1].</summary>
    Huber = 3,
}

/// <summary>The floating-point type of a generated network's parameters and arithmetic.</summary>
public enum Precision
{
    /// <summary><see cref="float"/> (32-bit), the default.</summary>
    Single = 0,
    /// <summary><see cref="double"/> (64-bit).</summary>
    Double = 1,
}
