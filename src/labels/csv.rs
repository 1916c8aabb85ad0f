//! A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes.

/// Yields `(line number of the record's start, fields)`; blank lines are skipped.
pub fn records(text: &str) -> impl Iterator<Item = (usize, Vec<String>)> + '_ {
    let mut chars = text.chars().peekable();
    let mut line = 1;
    std::iter::from_fn(move || loop {
        chars.peek()?;
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                ('"', true) => quoted = false,
                ('"', false) if field.is_empty() => quoted = true,
                (',', false) => fields.push(std::mem::take(&mut field)),
                ('\r', false) if chars.peek() == Some(&'\n') => {}
                ('\n', false) => {
                    line += 1;
                    break;
                }
                ('\n', true) => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() == 1 && fields[0].trim().is_empty() {
            continue;
        }
        return Some((start_line, fields));
    })
}

/// One field written for a CSV record: quoted, with quotes doubled, when it needs to be.
#[must_use]
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_commas_and_newlines_inside_fields() {
        let rows: Vec<_> = records("a,\"b, \"\"c\"\"\"\r\n\n\"multi\nline\",x\n").collect();
        assert_eq!(rows[0], (1, vec!["a".to_string(), "b, \"c\"".to_string()]));
        assert_eq!(rows[1], (3, vec!["multi\nline".to_string(), "x".to_string()]));
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn written_fields_read_back() {
        let fields = ["plain", "A (simulated, not real)", "say \"hi\"", "two\nlines"];
        let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
        let read: Vec<_> = records(&(line.join(",") + "\n")).collect();
        assert_eq!(read, vec![(1, fields.iter().map(ToString::to_string).collect())]);
        assert_eq!(field("plain"), "plain");
    }
}
