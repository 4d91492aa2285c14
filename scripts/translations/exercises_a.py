"""Chinese translations of the exercises domain's messages from grader/exercises/{activations,backprop,
softmax,common}.py, grader/declare.py and grader/stand_ins.py (issue 15, part a)."""

T = {
    # ---------------------------------------------------------------- declare.py
    'no Python loop over the elements: work on whole arrays at once':
        '不要用 Python 循环逐个处理元素：一次对整个数组做运算',
    'It looks like `{name}` is taken over the last axis whatever `axis` says.':
        '看起来无论 `axis` 取什么，`{name}` 都是沿最后一个轴计算的。',
    'It looks like `{name}` is taken over the whole array, not along `axis`.':
        '看起来 `{name}` 是在整个数组上计算的，而不是沿 `axis` 计算。',
    'It looks like the upstream gradient `dout` is not multiplied in (chain rule).':
        '看起来没有乘上上游梯度 `dout`（链式法则）。',
    'dout times the slope of the forward function at x':
        'dout 乘以前向函数在 x 处的斜率',

    # ---------------------------------------------------------------- activations.py
    'exp(-x) overflows for very negative x (and exp(x) for very positive x): compute each side with the '
    'exponential of a non-positive number; note that np.where(cond, a, b) evaluates both a and b on every '
    'element before choosing':
        'x 为很大的负数时 exp(-x) 会溢出（x 为很大的正数时 exp(x) 也会）：正负两边分开算，让每边取指数的数都不大于 0；'
        '注意 np.where(cond, a, b) 会先在每个元素上把 a 和 b 都算出来，再做选择',
    'sigmoid(x) = 1 / (1 + exp(-x)), elementwise, same shape as x':
        'sigmoid(x) = 1 / (1 + exp(-x))，逐元素计算，形状与 x 相同',
    'It looks like x is used where sigmoid(x) belongs: the gradient is s * (1 - s) with s = sigmoid(x).':
        '看起来在该用 sigmoid(x) 的地方用了 x：梯度是 s * (1 - s)，其中 s = sigmoid(x)。',
    'the result must equal dout times the slope of sigmoid at x':
        '结果应等于 dout 乘以 sigmoid 在 x 处的斜率',
    'relu(x) = max(x, 0) elementwise, a new array':
        'relu(x) = max(x, 0)，逐元素计算，返回一个新数组',
    'The gradient at exactly x = 0 must be 0: pass dout only where x > 0 (not x >= 0).':
        '在 x 恰好为 0 处梯度必须是 0：只在 x > 0 的位置传递 dout（不是 x >= 0）。',
    'the gradient of max(x, 0) is 1 where x > 0 and 0 elsewhere, including at 0':
        'max(x, 0) 的梯度在 x > 0 处为 1，其余位置（包括 x = 0 处）为 0',
    'It looks like `alpha` is ignored (a fixed slope of 0.01 is used).':
        '看起来忽略了 `alpha`（用的是固定斜率 0.01）。',
    'x where x > 0, alpha * x elsewhere; use the alpha argument':
        'x > 0 处取 x，其余位置取 alpha * x；要用传入的 alpha 参数',
    'exp(x) overflows for large |x|; np.tanh is allowed':
        '|x| 很大时 exp(x) 会溢出；可以直接用 np.tanh',
    ': x{index} was {before!r} and is {after!r} afterwards':
        '：x{index} 原来是 {before!r}，调用后变成了 {after!r}',
    'undoing the step with arithmetic (x[i] += h, then x[i] -= 2h, then x[i] += h) leaves rounding errors: '
    'save the old value before perturbing and assign it back':
        '用算术撤销扰动（x[i] += h，再 x[i] -= 2h，再 x[i] += h）会留下舍入误差：扰动前先保存原值，算完再把它赋回去',
    'after evaluating f at x[i] + h and x[i] - h, put x[i] back to its original value before moving on '
    '(and before returning)':
        '在 x[i] + h 和 x[i] - h 处算完 f 之后，先把 x[i] 恢复成原值，再处理下一个坐标（返回之前也一样）',
    'x is not exactly restored after the call{detail}':
        '调用结束后 x 没有被精确恢复{detail}',
    'x is not restored after each perturbation, so later coordinates are differentiated at a shifted point.':
        '每次扰动后 x 都没有恢复，所以后面的坐标是在一个偏移了的点上求导的。',
    'It looks like a forward difference (f(x+h) - f(x)) / h: the contract asks for the central difference '
    '(f(x+h) - f(x-h)) / (2h).':
        '看起来用的是前向差分 (f(x+h) - f(x)) / h：接口约定要求的是中心差分 (f(x+h) - f(x-h)) / (2h)。',
    'It looks like the difference is divided by h instead of 2h.':
        '看起来差分除以的是 h，而不是 2h。',
    'It looks like the step argument `h` is ignored (a fixed step is used).':
        '看起来忽略了步长参数 `h`（用的是固定步长）。',
    "It looks like the default step is not the contract's h=1e-5.":
        '看起来默认步长不是接口约定的 h=1e-5。',
    'perturb one coordinate at a time by +h and -h, with the `h` you are given':
        '每次只对一个坐标分别扰动 +h 和 -h，步长用传进来的 `h`',

    # ---------------------------------------------------------------- backprop.py
    'could not be tested: {forward}, whose cache {function} receives, failed first: {summary}':
        '无法测试：{forward} 先出错了，而 {function} 接收的正是它返回的缓存：{summary}',
    'make {forward} work first: {function} is given the cache it returns':
        '先让 {forward} 正常工作：{function} 拿到的就是它返回的缓存',
    ' (an array in it changed shape)':
        '（其中一个数组的形状变了）',
    ' at index {index}':
        '在索引 {index} 处',
    ': an array in it changed{where} from {before!r} to {after!r}':
        '：其中一个数组{where}从 {before!r} 变成了 {after!r}',
    ': its entry {key!r} was removed (dict.pop or del)':
        '：其中的条目 {key!r} 被删掉了（dict.pop 或 del）',
    'it modified the cache in place{changed}':
        '它原地修改了缓存{changed}',
    'the cache may hold the very array passed to {forward}: read it, never write into it '
    '(build new arrays for the gradients)':
        '缓存里可能就是传给 {forward} 的那个数组本身：只读取它，绝不要往里写（梯度请用新建的数组）',
    'It looks like the bias `b` is not added: out = x @ w + b.':
        '看起来没有加上偏置 `b`：out = x @ w + b。',
    'It looks like x and w are multiplied elementwise or in the wrong order: '
    'out = x @ w (matrix product, (N, D) @ (D, M)) + b.':
        '看起来 x 和 w 做的是逐元素相乘，或者相乘的顺序反了：out = x @ w（矩阵乘法，(N, D) @ (D, M)）+ b。',
    'return (out, cache) with out = x @ w + b of shape (N, M); the cache is yours':
        '返回 (out, cache)，其中 out = x @ w + b，形状为 (N, M)；缓存里放什么由你决定',
    "check each gradient's shape: dout is (N, M) and w is (D, M), so dx (N, D) and dw (D, M) each come from "
    "a matrix product whose shapes line up only one way; db sums dout over the batch (axis 0)":
        '检查每个梯度的形状：dout 是 (N, M)，w 是 (D, M)，所以 dx (N, D) 和 dw (D, M) 各来自一个矩阵乘法，'
        '而形状只有一种乘法对得上；db 是把 dout 在批上（axis 0）求和',
    'db looks like the MEAN of dout over the batch: the bias is added to every row, so its gradient is the '
    'sum over the batch, dout.sum(axis=0).':
        'db 看起来是 dout 在批上的“平均值”：偏置加到了每一行上，所以它的梯度是在批上求和，即 dout.sum(axis=0)。',
    "db looks like dout itself, not summed over the batch: db must have b's shape (M,), dout.sum(axis=0).":
        'db 看起来就是 dout 本身，没有在批上求和：db 的形状必须和 b 一样是 (M,)，即 dout.sum(axis=0)。',
    'db looks summed over axis 1 (the features) instead of axis 0 (the batch).':
        'db 看起来是沿 axis 1（特征）求和的，而不是沿 axis 0（批）。',
    'db has shape (1, M), as with keepdims=True: b is 1-D (M,), so sum over the batch without keepdims.':
        'db 的形状是 (1, M)，像是用了 keepdims=True：b 是一维的 (M,)，所以在批上求和时不要加 keepdims。',
    "dw and db look divided by the batch size N: dout already carries the loss's 1/N (the averaging belongs "
    "to the loss, not to the layer), so dw = x.T @ dout and db = dout.sum(axis=0) with no further division.":
        'dw 和 db 看起来除以了批大小 N：dout 里已经带着损失的 1/N（求平均是损失的事，不是这一层的事），'
        '所以 dw = x.T @ dout，db = dout.sum(axis=0)，不要再除。',
    "dw looks transposed (dout.T @ x): dw = x.T @ dout has w's shape (D, M).":
        'dw 看起来被转置了（dout.T @ x）：dw = x.T @ dout，形状和 w 一样是 (D, M)。',
    "dx looks like (dout @ w.T).T reshaped to x's shape: the transpose scrambles the values; "
    "dx = dout @ w.T is already (N, D).":
        'dx 看起来是把 (dout @ w.T).T reshape 成了 x 的形状：转置会打乱数值；dx = dout @ w.T 本身就是 (N, D)。',
    'each gradient has the shape of what it differentiates (dx like x, dw like w, db like b); write out the '
    'shapes of dout, x and w and let them decide each matrix product':
        '每个梯度的形状都和它对应的变量相同（dx 同 x，dw 同 w，db 同 b）；把 dout、x、w 的形状写出来，'
        '让形状决定每个矩阵乘法怎么写',
    'each gradient must equal the central-difference slope of sum(dout * (x @ w + b)) with respect to that input':
        '每个梯度都应等于 sum(dout * (x @ w + b)) 对相应输入的中心差分斜率',
    'return (out, cache) with out = max(x, 0) elementwise, a new array':
        '返回 (out, cache)，其中 out = max(x, 0)，逐元素计算，是一个新数组',
    "Nothing is masked: dout passes where x < 0 too. If the cache holds the ReLU's output, note that "
    "max(x, 0) is never negative (out >= 0 is always true).":
        '没有做任何掩码：x < 0 的位置 dout 也传了过去。如果缓存里存的是 ReLU 的输出，注意 max(x, 0) 永远不会是负数'
        '（out >= 0 恒为真）。',
    'the result must equal dout times the slope of max(x, 0)':
        '结果应等于 dout 乘以 max(x, 0) 的斜率',
    'The loss looks summed over the batch (and the gradients with it): the contract asks for the MEAN '
    'cross-entropy over the N examples, so divide the data loss and dscores by N.':
        '损失看起来是在批上求和的（梯度也是）：接口约定要求的是 N 个样本交叉熵的“平均值”，'
        '所以数据损失和 dscores 都要除以 N。',
    'The loss is the mean, but every data gradient looks N times too large: divide dscores by N as well '
    '(the batch average).':
        '损失是平均值，但数据项的每个梯度看起来都大了 N 倍：dscores 也要除以 N（对批求平均）。',
    "It looks like half the contract's regularization: 0.5 * reg * sum(W**2) with gradient reg * W. This "
    "course's term is reg * (sum(W1**2) + sum(W2**2)), no factor 1/2, so its gradient is 2 * reg * W.":
        '看起来正则化只有接口约定的一半：0.5 * reg * sum(W**2)，梯度为 reg * W。本课程的正则项是 '
        'reg * (sum(W1**2) + sum(W2**2))，没有 1/2 的系数，所以它的梯度是 2 * reg * W。',
    'The loss has the regularization term, but its gradient in dW1/dW2 looks like reg * W: the derivative '
    'of reg * sum(W**2) is 2 * reg * W.':
        '损失里有正则项，但 dW1/dW2 里它的梯度看起来是 reg * W：reg * sum(W**2) 的导数是 2 * reg * W。',
    'The regularization term is in the loss but missing from the gradients: add 2 * reg * W to dW1 and dW2.':
        '损失里有正则项，梯度里却没有：要给 dW1 和 dW2 加上 2 * reg * W。',
    'The gradients carry the regularization (2 * reg * W) but the loss does not: add '
    'reg * (sum(W1**2) + sum(W2**2)) to the mean cross-entropy.':
        '梯度里带了正则项（2 * reg * W），损失里却没有：要在平均交叉熵上加上 reg * (sum(W1**2) + sum(W2**2))。',
    'The regularization looks applied to the biases too: the contract penalizes W1 and W2 only '
    '(no reg term on b1, b2).':
        '正则化看起来也加到了偏置上：接口约定只惩罚 W1 和 W2（b1、b2 没有正则项）。',
    "dW1 and db1 look like the ReLU mask was never applied: the gradient must be 0 for hidden units whose "
    "pre-activation is <= 0 (a mask `hidden < 0` on the ReLU's output is never true).":
        'dW1 和 db1 看起来根本没有经过 ReLU 的掩码：预激活值 <= 0 的隐藏单元，梯度必须为 0'
        '（在 ReLU 的输出上用掩码 `hidden < 0`，条件永远不会成立）。',
    "dW1 and db1 look like the ReLU's gradient passes where the pre-activation is exactly 0 (a mask z >= 0): "
    "as in relu_backward, the gradient at exactly 0 is 0, so mask with z > 0.":
        'dW1 和 db1 看起来在预激活值恰好为 0 的地方也让 ReLU 的梯度通过了（掩码 z >= 0）：和 relu_backward 一样，'
        '恰好在 0 处梯度为 0，所以掩码要用 z > 0。',
    "grads['b1'] and grads['b2'] look summed with keepdims=True, shape (1, H) / (1, C): the biases are 1-D, "
    "so their gradients must be too (sum over axis 0 without keepdims).":
        "grads['b1'] 和 grads['b2'] 看起来是用 keepdims=True 求和的，形状为 (1, H) / (1, C)：偏置是一维的，"
        "它们的梯度也必须是一维的（沿 axis 0 求和，不加 keepdims）。",
    "The gradients look like a softmax normalized over the WHOLE batch (np.max / np.sum without axis): each "
    "row's probabilities must sum to 1, so take the max and the sum along axis=1 with keepdims=True.":
        '梯度看起来来自一个在“整个批”上归一化的 softmax（np.max / np.sum 没有指定 axis）：每一行的概率之和必须为 1，'
        '所以最大值和求和都要沿 axis=1 并用 keepdims=True。',
    'The loss looks like a softmax normalized over the WHOLE batch (np.max / np.sum without axis): normalize '
    'each row, along axis=1 with keepdims=True.':
        '损失看起来来自一个在“整个批”上归一化的 softmax（np.max / np.sum 没有指定 axis）：'
        '要对每一行分别归一化，沿 axis=1 并用 keepdims=True。',
    'The true-class entries look picked with [:, y], an (N, N) block mixing every row with every label: '
    'index them as [np.arange(N), y], one entry per row.':
        '真实类别的元素看起来是用 [:, y] 取的，这会得到一个 (N, N) 的块，把每一行和每个标签都配了一遍：'
        '应该用 [np.arange(N), y] 索引，每行只取一个元素。',
    "The gradients look like dscores[:, y] -= 1, which subtracts 1 in every row at every label's column: "
    "subtract it once per row, at dscores[np.arange(N), y].":
        '梯度看起来是 dscores[:, y] -= 1 的结果，它会在每一行、每个标签所在的列上都减 1：'
        '应该每行只减一次，位置是 dscores[np.arange(N), y]。',
    "The loss looks like -log(p + {eps:g}) of the true class's probability: the epsilon biases the loss and "
    "caps each row's term at -log({eps:g}) ~ {cap:.1f} when p underflows. Take the log-probability as "
    "shifted - log(sum(exp(shifted))) instead, with no epsilon.":
        '损失看起来是对真实类别的概率取 -log(p + {eps:g})：这个 epsilon 会让损失产生偏差，而且 p 下溢时'
        '每一行的损失项会被限制在 -log({eps:g}) ~ {cap:.1f}。应改用 shifted - log(sum(exp(shifted))) '
        '计算对数概率，不加 epsilon。',
    "subtract each row's own max score before exp (scores.max(axis=1, keepdims=True): one max over the whole "
    "batch leaves rows far below it underflowing to 0), and take the log-probabilities as "
    "shifted - log(sum(exp(shifted))) instead of log(probs): a probability that underflows to 0 gives "
    "log(0) = -inf":
        '取 exp 之前先减去每一行自己的最大得分（scores.max(axis=1, keepdims=True)：整个批只用一个最大值的话，'
        '远低于它的行会下溢成 0），并用 shifted - log(sum(exp(shifted))) 计算对数概率，而不是 log(probs)：'
        '下溢成 0 的概率会得到 log(0) = -inf',
    "loss = mean cross-entropy + reg * (sum(W1**2) + sum(W2**2)); backpropagate through affine - relu - "
    "affine, with the regularization's gradient 2 * reg * W on W1 and W2":
        'loss = 平均交叉熵 + reg * (sum(W1**2) + sum(W2**2))；沿 affine - relu - affine 做反向传播，'
        'W1 和 W2 上还要加上正则项的梯度 2 * reg * W',
    'no Python loop over the examples: process the whole batch with matrix products (X @ W1, '
    'hidden.T @ dscores) and index all rows at once with probs[np.arange(N), y]':
        '不要用 Python 循环逐个处理样本：用矩阵乘法（X @ W1、hidden.T @ dscores）一次处理整个批，'
        '并用 probs[np.arange(N), y] 一次索引所有行',

    # ---------------------------------------------------------------- common.py
    'only numpy is allowed in this assignment; write the computation yourself':
        '本次作业只允许使用 numpy；计算过程请自己实现',

    # ---------------------------------------------------------------- softmax.py
    "subtract each slice's maximum along `axis` (keepdims=True) before exponentiating":
        '取指数之前，先沿 `axis` 减去每个切片的最大值（keepdims=True）',
    'It looks like the softmax is taken over the last axis whatever `axis` says.':
        '看起来无论 `axis` 取什么，softmax 都是沿最后一个轴计算的。',
    'It looks like the softmax is normalised over the whole array, not along `axis`.':
        '看起来 softmax 是在整个数组上归一化的，而不是沿 `axis`。',
    'exp of each value divided by the sum of exps along `axis`; the result sums to 1 along `axis`':
        '每个值的 exp 除以沿 `axis` 的 exp 之和；结果沿 `axis` 求和为 1',
    'log(softmax(x)) is -inf where softmax underflows to 0: use x - max - log(sum(exp(x - max)))':
        'softmax 下溢为 0 的地方，log(softmax(x)) 就是 -inf：改用 x - max - log(sum(exp(x - max)))',
    'It looks like the log-softmax is taken over the last axis whatever `axis` says.':
        '看起来无论 `axis` 取什么，log-softmax 都是沿最后一个轴计算的。',
    'log_softmax(x) = x - logsumexp(x) along `axis`':
        '沿 `axis` 计算 log_softmax(x) = x - logsumexp(x)',
    "subtract each row's maximum (keepdims=True) before exponentiating, and take the loss from the "
    "log-softmax (shifted logits minus the log of their summed exps), not from log of the probabilities: "
    "a probability that underflows to 0 gives log(0) = -inf":
        '取指数之前先减去每一行的最大值（keepdims=True），并用 log-softmax（平移后的 logits 减去它们 exp 之和的对数）'
        '来算损失，而不是对概率取 log：下溢成 0 的概率会得到 log(0) = -inf',
    'The loss looks summed over the batch: the contract asks for the mean over N.':
        '损失看起来是在批上求和的：接口约定要求对 N 求平均。',
    'dlogits looks N times too large: divide the gradient by N as well.':
        'dlogits 看起来大了 N 倍：梯度也要除以 N。',
    "Nothing is averaged over the batch: the loss looks like the SUM of the rows' cross-entropies and "
    "dlogits lacks its 1/N; divide both by N.":
        '没有在批上求平均：损失看起来是各行交叉熵的“总和”，dlogits 也少了 1/N；两者都要除以 N。',
    'The loss looks like -log(p + 1e-7): the small constant biases the loss; use log-softmax instead.':
        '损失看起来是 -log(p + 1e-7)：这个小常数会让损失产生偏差；请改用 log-softmax。',
    "loss = mean over rows of -log_softmax(logits)[label]; dlogits is the derivative of that mean with "
    "respect to logits (mind the mean's 1/N)":
        'loss = 各行 -log_softmax(logits)[label] 的平均值；dlogits 是这个平均值对 logits 的导数（别忘了求平均带来的 1/N）',
    "no Python loop over rows: work on the whole (N, C) array at once, and pick each row's label entry with "
    "integer-array indexing":
        '不要用 Python 循环逐行处理：一次对整个 (N, C) 数组做运算，并用整数数组索引取出每一行标签对应的元素',

    # ---------------------------------------------------------------- stand_ins.py
    'the grader has no stand-in for `{name}`':
        '评分器没有 `{name}` 的替代实现',
    'malformed arguments':
        '参数格式不对',
    'arguments':
        '参数',
    'this function has no gradient here':
        '这个函数在这里没有梯度',
    'a result':
        '结果',
    '`{name}`, run by the grader in place of yours, could not take these arguments: {error_type}: {error}':
        '评分器代替你的函数运行的 `{name}` 无法接受这些参数：{error_type}: {error}',
    '{what} of {size} elements: more than the grader computes in place of your function ({limit})':
        '{what}有 {size} 个元素：超出了评分器代替你的函数计算的上限（{limit}）',
    '{what} would take about {work:.2g} operations: more than the grader computes in place of your function '
    '({limit:.2g})':
        '{what}：约需 {work:.2g} 次运算，超出了评分器代替你的函数计算的上限（{limit:.2g}）',
    'expected a numeric array, got {type}':
        '期望一个数值数组，实际得到 {type}',
    'a result of {size} elements: more than the grader computes in place of your function ({limit})':
        '结果有 {size} 个元素：超出了评分器代替你的函数计算的上限（{limit}）',
    "this cache is not the one the grader's {forward} made":
        '这个缓存不是评分器的 {forward} 生成的',
    'a tensor of dtype {dtype} on {device} is not one the grader computes with in place of your function':
        '位于 {device}、dtype 为 {dtype} 的张量，评分器无法代替你的函数用它计算',
    'attention weights of {size} elements: more than the grader computes in place of your function ({limit})':
        '注意力权重有 {size} 个元素：超出了评分器代替你的函数计算的上限（{limit}）',
    'attention':
        '注意力',
    'self-attention':
        '自注意力',
    'a {L} x {L} mask is larger than the grader computes in place of your function':
        '{L} x {L} 的掩码超出了评分器代替你的函数计算的上限',
    'device {device!r} is not one the grader computes on':
        '评分器不在设备 {device!r} 上计算',
}
