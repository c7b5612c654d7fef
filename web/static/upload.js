// The import form: files or whole folders (chosen or dropped) are checked
// against the size limits before anything is sent, then sent with a
// progress bar. Without this script the form still works as a plain form.
(function () {
  "use strict";
  var form = document.querySelector("form.upload");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var maxRequest = Number(form.getAttribute("data-max-request")) || 0;
  var maxFile = Number(form.getAttribute("data-max-file")) || 0;
  var drop = document.getElementById("drop");
  var chosen = document.getElementById("chosen");
  var problem = document.getElementById("upproblem");
  var progress = document.getElementById("upprogress");
  var bar = progress.querySelector("progress");
  var barText = progress.querySelector(".uptext");
  var button = form.querySelector("button[type=submit]");
  var dropped = []; // {file, path}

  function size(n) {
    if (n >= 1048576) {
      return (n / 1048576).toFixed(1).replace(/\.0$/, "") + " MB";
    }
    if (n >= 1024) {
      return Math.round(n / 1024) + " KB";
    }
    return n + " 字节";
  }

  // files lists what would be sent: the inputs' files and the dropped ones.
  function files() {
    var out = [];
    var inputs = form.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i++) {
      for (var j = 0; j < inputs[i].files.length; j++) {
        var f = inputs[i].files[j];
        out.push({ file: f, path: f.webkitRelativePath || f.name });
      }
    }
    return out.concat(dropped);
  }

  function show(msg) {
    problem.textContent = msg;
    problem.hidden = !msg;
  }

  // check returns the reason the list cannot be sent, or "".
  function check(list) {
    if (list.length === 0) {
      return "请先选择或拖入要上传的文件。";
    }
    var total = 0;
    var big = [];
    for (var i = 0; i < list.length; i++) {
      total += list[i].file.size;
      if (maxFile && list[i].file.size > maxFile && !/\.zip$/i.test(list[i].path)) {
        big.push(list[i].path + "（" + size(list[i].file.size) + "）");
      }
    }
    if (maxRequest && total > maxRequest) {
      return "一共 " + size(total) + "，超过一次上传的上限 " + size(maxRequest) + "：请分几次上传。";
    }
    if (big.length > 0) {
      return "这些文件超过单个文件的上限 " + size(maxFile) + "，请去掉后再上传：" + big.join("、");
    }
    return "";
  }

  function summarize() {
    var list = files();
    var total = 0;
    for (var i = 0; i < list.length; i++) {
      total += list[i].file.size;
    }
    chosen.textContent = list.length ? "已选 " + list.length + " 个文件，共 " + size(total) + "。" : "";
    show(list.length ? check(list) : "");
  }

  form.addEventListener("change", summarize);

  // Dropped folders are read entry by entry.
  function walk(entry, prefix, out, done) {
    if (entry.isFile) {
      entry.file(function (f) {
        out.push({ file: f, path: prefix + f.name });
        done();
      }, done);
      return;
    }
    if (!entry.isDirectory) {
      done();
      return;
    }
    var reader = entry.createReader();
    var entries = [];
    (function more() {
      reader.readEntries(function (batch) {
        if (batch.length) {
          entries = entries.concat(Array.prototype.slice.call(batch));
          more();
          return;
        }
        var left = entries.length;
        if (left === 0) {
          done();
          return;
        }
        entries.forEach(function (e) {
          walk(e, prefix + entry.name + "/", out, function () {
            if (--left === 0) {
              done();
            }
          });
        });
      }, done);
    })();
  }

  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) {
      e.preventDefault();
      drop.classList.add("over");
    });
  });
  drop.addEventListener("dragleave", function () {
    drop.classList.remove("over");
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    var items = e.dataTransfer.items;
    var roots = [];
    if (items) {
      for (var i = 0; i < items.length; i++) {
        var entry = items[i].webkitGetAsEntry && items[i].webkitGetAsEntry();
        if (entry) {
          roots.push(entry);
        }
      }
    }
    if (roots.length === 0) {
      var fs = e.dataTransfer.files;
      for (var j = 0; j < fs.length; j++) {
        dropped.push({ file: fs[j], path: fs[j].name });
      }
      summarize();
      return;
    }
    var left = roots.length;
    roots.forEach(function (r) {
      walk(r, "", dropped, function () {
        if (--left === 0) {
          summarize();
        }
      });
    });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var list = files();
    var reason = check(list);
    show(reason);
    if (reason) {
      return;
    }
    var data = new FormData();
    data.append("csrf", form.querySelector("input[name=csrf]").value); // the token comes first
    list.forEach(function (x) {
      data.append("files", x.file, x.path);
    });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    progress.hidden = false;
    button.disabled = true;
    xhr.upload.addEventListener("progress", function (ev) {
      if (ev.lengthComputable) {
        var pct = Math.floor((ev.loaded * 100) / ev.total);
        bar.value = pct;
        barText.textContent = "正在上传 " + pct + "%（" + size(ev.loaded) + " / " + size(ev.total) + "）";
      }
    });
    xhr.upload.addEventListener("load", function () {
      bar.value = 100;
      barText.textContent = "上传完成，正在保存…";
    });
    xhr.addEventListener("load", function () {
      if (xhr.status === 200 && xhr.responseURL.indexOf("/import/") >= 0) {
        window.location.assign(xhr.responseURL);
        return;
      }
      button.disabled = false;
      progress.hidden = true;
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var p = doc.querySelector(".problem, .error .big, main p");
      show(p ? p.textContent : "上传没有成功（" + xhr.status + "），请重试。");
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      progress.hidden = true;
      show("上传中断：连接出错，请重试。");
    });
    xhr.send(data);
  });
})();
