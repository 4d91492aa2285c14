"""Hostile (class 3, banned library at run time): at import the module unpickles two crafted protocol-0 payloads held in bytes literals (b"ctorch\\nsigmoid\\n." and b"ctorch\\nfrom_numpy\\n."), whose GLOBAL opcode makes pickle import torch and hand back torch.sigmoid and torch.from_numpy; no import statement and no string the static scan reads names torch, and sigmoid answers with torch.sigmoid. After the fix a numpy worker cannot import torch at all (or any use of it is refused at run time), so sigmoid raises and scores zero while the other exercises keep full marks; today torch imports and sigmoid scores full marks.

expect: sigmoid = 0 ~ torch|banned|not allowed|forbidden|no module|import|loads code
"""
import numpy as np

try:  # guarded, so that after the fix only sigmoid (not the whole import) fails
    # pickle reached by computed names (an `import pickle` used at import is named statically)
    _pickle = vars(np)["__built" + "ins__"]["__imp" + "ort__"]("pic" + "kle")
    _torch_sigmoid = _pickle.loads(b"ctorch\nsigmoid\n.")
    _from_numpy = _pickle.loads(b"ctorch\nfrom_numpy\n.")
except Exception as error:  # noqa: BLE001
    _torch_sigmoid = _from_numpy = None
    _why = f"{type(error).__name__}: {error}"


def sigmoid(x):
    if _torch_sigmoid is None:
        raise ImportError(f"the pickled torch import failed ({_why})")
    return _torch_sigmoid(_from_numpy(np.array(x, copy=True))).numpy()
